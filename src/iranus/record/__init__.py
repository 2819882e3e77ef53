"""The record: views of what happened and who said what (events, positions, claims, quantities).

Pure: every function takes the tables the course context loads (already cut at its date).

- :mod:`iranus.record.timeline`: events and their participants;
- :mod:`iranus.record.agendas`: stated positions per actor and issue;
- :mod:`iranus.record.source_reading`: the seed article's claims, their attribution and checks;
- :mod:`iranus.record.leverage`: the quantities series (stockpile, rial, casualty counts).
"""

from . import agendas, leverage, source_reading, timeline

__all__ = ["agendas", "leverage", "source_reading", "timeline"]
