"""Running what a page executes: a block as a reader would run it, and the author cache of the results."""
