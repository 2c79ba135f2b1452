"""Pure values and rules: money, ID numbers, phones, eligibility, household size, roster rows.

Standard library only; no Qt, no SQL, no I/O. Everything here is testable in isolation.
"""
