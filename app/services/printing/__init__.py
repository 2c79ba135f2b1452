"""Printing, one module a document: letters, receipts, the daily log, the household form, the
public notice and the summary; what they are read from (records), where they go and what they
are drawn with (output), and what a clerk sets for them (settings).

Services gather values (codes, numbers, dates, names, reasons); ``app.documents`` words and
lays them out in the language it is given (``lang``, the printer's, Chinese by default)."""
