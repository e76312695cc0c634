"""Scoring layer: hard constraints, score parts, the spatial search and top-k."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wijkkracht.matching import (
    PART_NAMES,
    Helper,
    HelperIndex,
    MatchOptions,
    Request,
    Vocabulary,
    Weights,
    candidate_pairs,
    match,
)
from wijkkracht.matching.features import tables
from wijkkracht.matching.spatial import EARTH_RADIUS_M, great_circle_m

METRES_PER_DEGREE_LAT = 2 * math.pi * EARTH_RADIUS_M / 360


def north(metres: float, lat: float = 52.30, lon: float = 4.86) -> tuple[float, float]:
    return lat + metres / METRES_PER_DEGREE_LAT, lon


REQUEST = Request(
    id="r1", lat=52.30, lon=4.86, categories={"boodschappen"}, slots={"ma-ochtend", "di-middag"},
    languages={"nl"}, vog_required=True, resident="res1",
)  # fmt: skip


def helper(hid: str, metres: float, **kw) -> Helper:
    lat, lon = north(metres)
    base = {"max_distance_m": 1000.0, "vog": True, "capacity": 1, "load": 0}
    return Helper(id=hid, lat=lat, lon=lon, **{**base, **kw})


HELPERS = [
    helper("h1", 500, skills={"boodschappen", "vervoer"}, slots={"ma-ochtend"}, languages={"nl", "en"}, capacity=2,
           load=1),
    helper("h2", 500, vog=False, skills={"boodschappen"}),  # no VOG
    helper("h3", 1500, skills={"boodschappen"}),  # too far for h3
    helper("h4", 100, capacity=1, load=1),  # no capacity left
    helper("h5", 200, max_distance_m=2000.0, skills={"tuin"}, languages={"ar"}),
]  # fmt: skip


def test_distances_are_great_circle_metres() -> None:
    # Amstelveen Stadshart to Amsterdam Centraal is about 9 km as the crow flies
    d = great_circle_m(np.array([52.3030]), np.array([4.8590]), np.array([52.3791]), np.array([4.9003]))
    assert d[0] == pytest.approx(9050, abs=150)
    assert great_circle_m(np.array([52.3]), np.array([4.86]), *map(np.array, north(500)))[0] == pytest.approx(500)


def test_hard_constraints_exclude_pairs_and_parts_explain_the_score() -> None:
    # Given one request and five helpers of which three break a hard constraint
    req_t, hel_t = tables([REQUEST], HELPERS)
    # When candidate pairs are built with h1 having helped this resident before
    cands = candidate_pairs(req_t, hel_t, history=[("res1", "h1")])
    found = {cands.explain(i).helper: cands.explain(i) for i in range(len(cands))}
    # Then only h1 and h5 are candidates
    assert sorted(found) == ["h1", "h5"]
    # And each part is the weight times its share
    h1 = found["h1"]
    assert h1.parts == pytest.approx(
        {"base": 1.0, "distance": 1.5, "skills": 4.0, "time": 1.0, "language": 2.0, "load": 0.5, "history": 3.0}
    )
    assert h1.score == pytest.approx(13.0)
    assert h1.distance_m == pytest.approx(500.0)
    h5 = found["h5"]
    assert h5.parts == pytest.approx(
        {"base": 1.0, "distance": 2.7, "skills": 0.0, "time": 0.0, "language": 0.0, "load": 1.0, "history": 0.0}
    )
    assert h5.score == pytest.approx(4.7)
    assert sum(h5.parts.values()) == pytest.approx(h5.score, abs=1e-12)


def test_match_explains_the_chosen_helper() -> None:
    result = match([REQUEST], HELPERS, history=[("res1", "h1")])
    [chosen] = result.assignments()
    assert (chosen.request, chosen.helper, result.matched, result.unmatched()) == ("r1", "h1", 1, [])
    assert list(chosen.parts) == list(PART_NAMES)
    assert result.helper_of() == {"r1": "h1"}


def test_weights_change_the_score() -> None:
    req_t, hel_t = tables([REQUEST], HELPERS)
    cands = candidate_pairs(req_t, hel_t, weights=Weights(skills=0.0, history=10.0), history=[("res1", "h1")])
    h1 = next(cands.explain(i) for i in range(len(cands)) if cands.explain(i).helper == "h1")
    assert (h1.parts["skills"], h1.parts["history"]) == (0.0, 10.0)


def random_world(seed: int, n_req: int, n_hel: int, co_located: int = 0):
    rng = np.random.default_rng(seed)
    cats, slots, langs = ["a", "b", "c", "d"], ["s1", "s2", "s3", "s4", "s5"], ["nl", "en", "tr"]

    def some(items, lo, hi):
        return set(rng.choice(items, int(rng.integers(lo, hi + 1)), replace=False).tolist())

    requests = []
    for i in range(n_req):
        lat, lon = (52.30, 4.86) if i < co_located else (rng.uniform(52.28, 52.32), rng.uniform(4.83, 4.89))
        requests.append(
            Request(id=f"r{i}", lat=lat, lon=lon, categories=some(cats, 0, 2), slots=some(slots, 0, 3),
                    languages=some(langs, 0, 1), vog_required=bool(rng.random() < 0.3), resident=f"p{i % 7}")
        )  # fmt: skip
    helpers = [
        Helper(id=f"h{j}", lat=rng.uniform(52.28, 52.32), lon=rng.uniform(4.83, 4.89),
               max_distance_m=float(rng.choice([800.0, 1500.0, 3000.0])), skills=some(cats, 0, 3),
               slots=some(slots, 0, 5), languages=some(langs, 1, 2), vog=bool(rng.random() < 0.5),
               capacity=int(rng.integers(0, 3)), load=int(rng.integers(0, 2)))
        for j in range(n_hel)
    ]  # fmt: skip
    history = [(f"p{k}", f"h{int(rng.integers(0, n_hel))}") for k in range(7)]
    return requests, helpers, history


def brute_force_pairs(requests, helpers, history, weights=Weights()):  # noqa: B008
    """Every admissible pair and its score, one pair at a time in plain Python."""
    helped = set(history)
    out = {}
    for r in requests:
        for h in helpers:
            d = great_circle_m(*map(np.array, ([r.lat], [r.lon], [h.lat], [h.lon])))[0]
            if d > h.max_distance_m or h.capacity <= h.load or (r.vog_required and not h.vog):
                continue

            def share(asked, offered):
                return len(set(asked) & set(offered)) / len(set(asked)) if asked else 1.0

            parts = [1.0, 1 - d / h.max_distance_m, share(r.categories, h.skills), share(r.slots, h.slots),
                     1.0 if not r.languages or set(r.languages) & set(h.languages) else 0.0, 1 - h.load / h.capacity,
                     1.0 if (r.resident, h.id) in helped else 0.0]  # fmt: skip
            out[(r.id, h.id)] = sum(w * p for w, p in zip(weights.as_tuple(), parts, strict=True))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_exhaustive_candidates_equal_brute_force(seed: int) -> None:
    # Given a random district of 40 requests and 120 helpers
    requests, helpers, history = random_world(seed, 40, 120)
    req_t, hel_t = tables(requests, helpers)
    # When every pair within reach is a candidate
    cands = candidate_pairs(req_t, hel_t, history=history, options=MatchOptions(neighbours=None, max_candidates=None))
    got = {(e.request, e.helper): e.score for e in map(cands.explain, range(len(cands)))}
    # Then the pairs and their scores are those of the plain-Python reference
    expected = brute_force_pairs(requests, helpers, history)
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(v, rel=1e-12) for k, v in expected.items())
    # And the search by neighbours finds them too when it may look at every helper
    wide = candidate_pairs(req_t, hel_t, history=history, options=MatchOptions(neighbours=120, max_candidates=None))
    assert {(e.request, e.helper) for e in map(wide.explain, range(len(wide)))} == expected.keys()


def test_max_candidates_keeps_the_best_scoring_pairs() -> None:
    requests, helpers, _ = random_world(11, 40, 120)
    req_t, hel_t = tables(requests, helpers)
    cands = candidate_pairs(req_t, hel_t, options=MatchOptions(neighbours=None, max_candidates=3))
    expected = brute_force_pairs(requests, helpers, [])
    for r in requests:
        mine = sorted((cands.score[i] for i in range(len(cands)) if cands.explain(i).request == r.id), reverse=True)
        best = sorted((s for (rid, _), s in expected.items() if rid == r.id), reverse=True)[:3]
        assert mine == pytest.approx(best, rel=1e-12)


def test_co_located_requests_share_a_wider_search() -> None:
    # Given 20 requests on one centroid, helpers without hard constraints all around
    rng = np.random.default_rng(3)
    requests = [Request(id=f"r{i}", lat=52.30, lon=4.86) for i in range(20)]
    helpers = [
        Helper(id=f"h{j}", lat=52.30 + rng.uniform(-0.01, 0.01), lon=4.86 + rng.uniform(-0.01, 0.01),
               max_distance_m=5000.0)
        for j in range(100)
    ]  # fmt: skip
    req_t, hel_t = tables(requests, helpers)
    # When each examines its 5 nearest and the group 2 x 20 more
    opts = MatchOptions(neighbours=5, max_candidates=5, crowd_factor=2)
    cands = candidate_pairs(req_t, hel_t, options=opts)
    # Then between them they cover the 45 nearest helpers, each request with at most 5 + 2 candidates
    d = great_circle_m(np.full(100, 52.30), np.full(100, 4.86), hel_t.lat, hel_t.lon)
    assert set(cands.helper.tolist()) == set(np.argsort(d)[:45].tolist())
    assert np.bincount(cands.request).tolist() == [7] * 20
    # And all 20 can be matched, which the 5 nearest alone could not do
    assert match(requests, helpers, options=opts).matched == 20


def test_former_helper_is_a_candidate_even_beyond_the_nearest() -> None:
    # Given helpers close by, and far away (but within its distance) the helper who helped before
    requests = [Request(id="r", lat=52.30, lon=4.86, resident="p")]
    near = [helper(f"n{j}", 10 + j, max_distance_m=5000.0) for j in range(10)]
    far = helper("far", 3000, max_distance_m=5000.0)
    req_t, hel_t = tables(requests, [*near, far])
    # When only the 3 nearest are examined
    cands = candidate_pairs(req_t, hel_t, history=[("p", "far")], options=MatchOptions(neighbours=3))
    # Then the former helper is there with its history part
    found = {e.helper: e for e in map(cands.explain, range(len(cands)))}
    assert sorted(found) == ["far", "n0", "n1", "n2"]
    assert found["far"].parts["history"] == 3.0
    assert cands.truncated == 1


@pytest.mark.parametrize("seed", range(3))
def test_top_k_equals_ranking_every_pair(seed: int) -> None:
    requests, helpers, _ = random_world(20 + seed, 15, 300)
    index = HelperIndex(helpers)
    for r in requests:
        top = index.top_k(r, k=5)
        expected = brute_force_pairs([r], helpers, [])
        ranked = sorted(expected.items(), key=lambda kv: -kv[1])[:5]
        assert [c.score for c in top] == pytest.approx([s for _, s in ranked], rel=1e-12)
        assert all(sum(c.parts.values()) == pytest.approx(c.score) for c in top)
        assert [c.score for c in top] == sorted((c.score for c in top), reverse=True)


def test_top_k_counts_earlier_help() -> None:
    index = HelperIndex(HELPERS)
    [best, second] = index.top_k(REQUEST, k=2, helped_before={"h5"})
    assert (best.helper, best.parts["history"], second.helper) == ("h1", 0.0, "h5")
    assert second.score == pytest.approx(7.7)


def test_more_than_64_terms_are_refused() -> None:
    with pytest.raises(ValueError, match="at most 64"):
        Vocabulary(tuple(f"t{i}" for i in range(65)))


@pytest.mark.parametrize(
    ("requests", "message"),
    [
        ([Request(id="a", lat=91.0, lon=4.0)], "lat must be within"),
        ([Request(id="a", lat=52.0, lon=4.0), Request(id="a", lat=52.0, lon=4.0)], "unique"),
    ],
)
def test_bad_tables_are_refused(requests: list[Request], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tables(requests, HELPERS)


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="integer from 1 to"):
        MatchOptions(neighbours=0)
    with pytest.raises(ValueError, match="weight base"):
        Weights(base=0.0)


@pytest.mark.parametrize("neighbours", [128, None])
@pytest.mark.parametrize(
    ("n_requests", "helpers", "matched"),
    [
        (3, [], 0),
        (0, [Helper(id="x", lat=52.3, lon=4.86, max_distance_m=100.0)], 0),
        (3, [Helper(id="x", lat=52.3, lon=4.86, max_distance_m=100.0, capacity=0)], 0),
        (3, [Helper(id="x", lat=52.3, lon=4.86, max_distance_m=100.0),
             Helper(id="y", lat=52.3, lon=4.861, max_distance_m=1000.0)], 2),
    ],
)  # fmt: skip
def test_edge_cases_match_without_errors(n_requests: int, helpers: list[Helper], matched: int, neighbours) -> None:
    # Given two requests sharing a centroid and one 1.1 km north of it
    requests = [Request(id="a", lat=52.3, lon=4.86), Request(id="b", lat=52.3, lon=4.86),
                Request(id="c", lat=52.31, lon=4.86)][:n_requests]  # fmt: skip
    result = match(requests, helpers, options=MatchOptions(neighbours=neighbours))
    assert result.matched == matched
    assert result.unmatched() == (["c"] if matched else [r.id for r in requests])
