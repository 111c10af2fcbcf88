"""The bridge between the tabs: the log loss of one sigmoid neuron over two of its weights, summed
over a small labelled data set (``dataset``), and the Backprop graph of one sample's loss
(``sample_graph``), whose gradients add up to the map's."""
