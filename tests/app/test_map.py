"""AppTest of the map page: figure present, URL-seeded layers change the traces, junk falls back."""

from __future__ import annotations

from .conftest import charts, page_text, run_page


def _segment_traces(spec: dict) -> list[dict]:
    return [tr for tr in spec["data"] if (tr.get("meta") or {}).get("layer") == "segments"]


def test_map_page_draws_the_full_corridor_by_default():
    at = run_page("pages/map.py", lang="en")
    route_map = charts(at)[0]
    assert len(_segment_traces(route_map)) == 10
    text = page_text(at)
    assert "Baku–Tbilisi–Kars railway" in text and "826" in text
    assert "Not on the map" in text and "Berlin" in text


def test_seeded_layers_change_the_traces():
    at = run_page("pages/map.py", lang="en", corridors="main", modes="sea", conflicts="0")
    route_map = charts(at)[0]
    segments = _segment_traces(route_map)
    assert [(tr["meta"]["corridor"], tr["meta"]["mode"]) for tr in segments] == [("main", "sea")]
    assert not [tr for tr in route_map["data"] if (tr.get("meta") or {}).get("layer") == "conflicts"]


def test_view_parameter_zooms():
    wide = charts(run_page("pages/map.py", lang="en"))[0]["layout"]["xaxis"]["range"]
    zoomed = charts(run_page("pages/map.py", lang="en", view="caspian"))[0]["layout"]["xaxis"]["range"]
    assert (zoomed[1] - zoomed[0]) < (wide[1] - wide[0]) / 2


def test_junk_layer_parameters_fall_back():
    at = run_page("pages/map.py", lang="en", corridors="main,<b>x</b>,nonsense", view="moon", places="maybe")
    assert at.session_state["view"] == "corridor"
    assert at.session_state["corridors"] == ["main"]
    assert at.session_state["places"] is True


def test_map_in_german():
    text = page_text(run_page("pages/map.py", lang="de"))
    assert "Hauptlinie · Schiene (schematisch)" in text and "Nicht auf der Karte" in text


def test_warm_rerun_does_no_geometry_work(monkeypatch):
    """After the first run, reruns with other layers and views must not read, project or measure geometry."""
    import centralasia.geo as geo

    at = run_page("pages/map.py", lang="en")

    def forbidden(*args, **kwargs):
        raise AssertionError("geometry work on a warm rerun")

    for name in ("read_layers", "project_layers", "project_points", "geodesic_km", "_to_map"):
        monkeypatch.setattr(geo, name, forbidden)
    at.query_params["view"] = "caucasus"
    at.run()
    assert not at.exception, at.exception
    at.session_state["corridors"] = ["main"]
    at.run()
    assert not at.exception, at.exception


def test_legend_can_be_turned_off_for_small_screens():
    with_legend = charts(run_page("pages/map.py", lang="en"))[0]["layout"]
    without = charts(run_page("pages/map.py", lang="en", legend="0"))[0]["layout"]
    assert with_legend.get("showlegend", True) is True and without["showlegend"] is False
    assert without["height"] < with_legend["height"]
