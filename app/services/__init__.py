"""Use cases that the CLI and the UI both call: one function per action, plain inputs, a frozen
result saying what happened, a ``WarmVisitError`` when it cannot go on."""
