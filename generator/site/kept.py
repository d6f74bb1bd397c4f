"""What one making of the site as data keeps for the next making of the same site: `serve` holds one
across edits, so a page, an entry's exports or an entry body made from the same inputs as last time
is not made again.

A page is kept with the inputs of its template (title, template, description and context), an
entry's line of cases.json and row of cases.csv with the entries they name: compared with ==
(entries are immutable, and the values a page is made from are not changed after it is made).
A body is kept with the links and images it looked up, which are looked up again before it is reused.
"""

from __future__ import annotations

from typing import Callable


class Kept:
    def __init__(self) -> None:
        self.made: dict = {}  # name (a page's URL, an entry's exports) -> (inputs, what was made)
        self.bodies: dict[str, object] = {}  # entry path -> its rendered body (bodies.RenderedBody)
        self._times: dict | None = None

    def commit_times(self, root) -> dict:
        """When each file under cases/ was first and last committed: Git is asked once per Kept (commits
        made while `serve` runs show when it makes the site afresh)."""
        if self._times is None:
            from ..content.history import commit_times

            self._times = commit_times(root)
        return self._times

    def get(self, name, inputs: tuple, make: Callable):
        """What was made under `name` last time if its inputs are equal, else make()'s."""
        old = self.made.get(name)
        if old is not None and old[0] == inputs:
            return old[1]
        made = make()
        self.made[name] = (inputs, made)
        return made

    def forget(self, *names) -> None:
        """Pages and exports that are gone."""
        for name in names:
            self.made.pop(name, None)
