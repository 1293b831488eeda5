"""Parse every ```python block of the notes with this interpreter's own parser.

Reads a JSON list of {"file", "line", "code"} (line: where the block's first code line sits in the note) on
stdin and prints {"checked": N, "failures": [{"file", "line", "message"}]}, the line being the note line of
the error, so one interpreter start checks every block.
"""
import ast
import json
import sys
import textwrap

blocks = json.load(sys.stdin)
failures = []
for block in blocks:
    try:
        # A block indented inside a list item or <details> is still one module once dedented.
        ast.parse(textwrap.dedent(block["code"]), filename=block["file"])
    except SyntaxError as error:
        failures.append({
            "file": block["file"],
            "line": block["line"] + (error.lineno or 1) - 1,
            "message": f"{error.msg} (python block starting at line {block['line']})",
        })
json.dump({"checked": len(blocks), "failures": failures}, sys.stdout)
