"""Use cases that the CLI and the UI both call: one function per action, plain inputs, a frozen
result saying what happened, a ``WarmVisitError`` when it cannot go on.

One package per feature (rosters, households, teams, bundles, visits, printing, …); ``infra``
holds what they run on. Services never make sentences: they hand keys, parameters and codes to
the CLI and the window (app.i18n renders them).
"""
