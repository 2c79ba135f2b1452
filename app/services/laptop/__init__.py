"""A team laptop: started and updated from its assignment bundle, and its PIN and idle lock."""
