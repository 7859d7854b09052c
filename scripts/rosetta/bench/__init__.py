"""The timing suite of the Benchmarks page: one process per framework and thread setting.

suite plans and runs the processes and reads the machine; measure is what one process times, on
the runtimes of runtimes and the models of models; stats summarises samples; report formats cells.
"""
