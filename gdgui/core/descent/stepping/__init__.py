"""What a run's step does besides the optimizers' update: the stop checks after it (``stopping``)
and the row buffer it is recorded in (``rows``)."""
