"""Printing: condolence letters and their templates, receipt sheets, daily logs, household forms,
public notices and summaries, and the print settings."""
