"""The contributor commands: new, issue-form, from-issue, contrib-docs (alias docs-fields)."""

from __future__ import annotations

from . import docs, from_issue, issue_form, new

MODULES = (new, issue_form, from_issue, docs)

HANDLERS = {
    "new": new.cmd_new,
    "issue-form": issue_form.cmd_issue_form,
    "from-issue": from_issue.cmd_from_issue,
    "contrib-docs": docs.cmd_contrib_docs,
    "docs-fields": docs.cmd_contrib_docs,
}


def register(commands, common) -> None:
    for module in MODULES:
        module.register(commands, common)
