"""The YAML guard checks limits on the parser's events and then loads with the standard safe loader (issue 21):
whatever it accepts loads exactly as ``yaml.safe_load`` loads it; merge keys (``<<: *base``) work."""

from __future__ import annotations

import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centralasia.release.reading import MAX_YAML_DEPTH, _YAMLRefused, safe_yaml

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from(["yes", "no", "on", "0x1F", "1e3", "~", "null", "2030-01-01", "12:30", ".inf", "-.5", "&a", "*a", "<<"]),
)
keys = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none())
values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)), max_leaves=40
)


def same(a, b) -> bool:
    """Equal as values, with -0.0 == 0.0 and equal types (True is not 1 here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def loads_like_safe_load(text: str) -> bool:
    """True if the guard accepted ``text`` (then it must equal safe_load's value); False if it refused it."""
    try:
        ours = safe_yaml(text)
    except (_YAMLRefused, yaml.YAMLError):
        return False
    assert same(ours, yaml.safe_load(text)), text
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=values, flow=st.booleans())
def test_dumped_data_is_accepted_and_loads_as_safe_load_does(value, flow):
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow)
    assert loads_like_safe_load(text), text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shared=st.lists(scalars, min_size=1, max_size=4), uses=st.integers(min_value=2, max_value=6), extra=values)
def test_shared_values_written_as_anchors_load_as_safe_load_does(shared, uses, extra):
    """yaml.dump writes a repeated list once (&id001) and refers to it (*id001)."""
    text = yaml.safe_dump({"items": [shared] * uses, "extra": extra}, allow_unicode=True)
    assert "&id001" in text
    assert loads_like_safe_load(text)


fragments = st.lists(
    st.sampled_from(["a", "b: ", "- ", "&x ", "*x", "<<: ", "[", "]", "{", "}", ", ", "\n", "  ", "!!str ", "!!int ", "'q'", '"d"', "1",
                     "#c", ": ", "? ", "---\n", "|\n  t\n", "&y {k: v}", "*y"]),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=fragments)
def test_any_accepted_text_loads_exactly_as_safe_load(text):
    loads_like_safe_load(text)


def test_merge_keys_behave_as_in_safe_load():
    text = "base: &base {kind: country, iso3: KAZ}\nrecord:\n  <<: *base\n  id: kazakhstan\n  iso3: KZ1\n"
    assert safe_yaml(text) == yaml.safe_load(text)
    assert safe_yaml(text)["record"] == {"kind": "country", "iso3": "KZ1", "id": "kazakhstan"}


def test_limits_still_refuse():
    import pytest

    with pytest.raises(_YAMLRefused, match="nested deeper"):
        safe_yaml("- " * (MAX_YAML_DEPTH + 1) + "x\n")
    with pytest.raises(_YAMLRefused, match="is not allowed"):
        safe_yaml("- !!python/object/apply:os.system ['true']\n")
    with pytest.raises(_YAMLRefused, match="inside its own anchor"):
        safe_yaml("- &r [*r]\n")
    with pytest.raises(_YAMLRefused, match="more than one YAML document"):
        safe_yaml("a: 1\n---\nb: 2\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6)
    )
    with pytest.raises(_YAMLRefused, match="alias bomb"):
        safe_yaml(bomb)
