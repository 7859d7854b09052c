"""The digits classifier that the parity table and the deployment matrix share.

classifier: its weights (trained with scikit-learn, so no framework is favoured), its test
images and a float64 NumPy forward pass, the reference every runtime is compared with.
runtimes: the same weights as a model of each framework, and the sessions that run exported files.
routes: each deployment route (export, reload, time); parity: each runtime of the parity table.
Frameworks are imported inside functions: a worker process loads only the one it runs.
"""
