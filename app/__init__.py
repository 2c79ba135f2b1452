"""WarmVisit (送温暖走访): holiday condolence visits, planned centrally and recorded offline.

Layers, one way only: ``ui``/``cli`` → ``services`` → ``store``/``sync``/``documents`` → ``domain``.
"""

__version__ = "0.1.0"
