"""The neuron-loss function's side of the Descent tab: its data set, shown and edited."""
