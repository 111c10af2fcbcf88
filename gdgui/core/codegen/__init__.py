"""A graph, or a Descent run, written out as a Python script a student can run and read.

Every gate is written from the op table's spellings (``ops.SPELLINGS``, read by
``autodiff/spelling/templates.py``): its forward, and in the micrograd-style and NumPy scripts
its local rules as the ``_backward`` code; each script's module only names the functions of its
library (``math.exp``, ``torch.exp``, ``np.exp``).
"""
