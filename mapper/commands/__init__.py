"""The ``frontline`` subcommands: thin typer wrappers that parse options and print.

One module per command (``map``, ``extract``, ``resolve``, ``gazetteer``); what they share (the
stderr console, date options, problem lines, the progress bar and the summary table) lives in
`mapper.commands.common`. The logic lives in the library.
"""

__all__: list[str] = []
