"""PyYAML's safe loader (libyaml where present) with a cheaper tag resolver for `compose`.

libyaml calls back into Python to resolve the tag of every node and to track the
path of path resolvers. The safe loader registers no path resolvers, so that
tracking is skipped, and its implicit resolvers are grouped once by first
character. The tags are the same as PyYAML's: only fewer calls and lists.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _by_first_char(resolvers: dict) -> tuple[dict, tuple]:
    wildcard = tuple(resolvers.get(None, ()))
    return {first: tuple(found) + wildcard for first, found in resolvers.items() if first is not None}, wildcard


# The safe loader's resolvers as they stand at import (the project adds none).
IMPLICIT, WILDCARD = _by_first_char(Base.yaml_implicit_resolvers)
DEFAULT_TAGS = {
    ScalarNode: Base.DEFAULT_SCALAR_TAG,
    SequenceNode: Base.DEFAULT_SEQUENCE_TAG,
    MappingNode: Base.DEFAULT_MAPPING_TAG,
}


class Loader(Base):
    def descend_resolver(self, current_node, current_index):
        pass  # no path resolvers: nothing to track

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:  # a plain scalar: null, bool, int, float, timestamp or text
            for tag, pattern in IMPLICIT.get(value[:1], WILDCARD):
                if pattern.match(value):
                    return tag
        return DEFAULT_TAGS[kind]
