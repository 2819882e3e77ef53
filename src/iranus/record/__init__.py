"""The record: views of what happened and who said what (events, positions, claims, quantities).

- :mod:`iranus.record.timeline`: events and their participants;
- :mod:`iranus.record.agendas`: stated positions per actor and issue;
- :mod:`iranus.record.source_reading`: the seed article's claims, their attribution and checks;
- :mod:`iranus.record.leverage`: the quantities series (stockpile, rial, casualty counts).
"""
