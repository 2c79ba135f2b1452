"""A made-up campaign for demonstrations and benchmarks: households drawn from a seed, the office's
campaign, a team laptop started from its bundle."""
