"""What the use cases run on rather than what they do: who acts and when (Actor), opening the
store, worker processes, pausing the garbage collector during bulk work."""
