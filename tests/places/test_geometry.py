from wijkkracht.places import geometry


def square(x0, y0, size=0.01):
    x1, y1 = x0 + size, y0 + size
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def test_two_adjoining_squares_dissolve_into_one_outline_without_the_shared_edge():
    left, right = square(4.80, 52.30), square(4.81, 52.30)
    rings = geometry.outline([left, right])
    assert len(rings) == 1
    ring = rings[0]
    assert ring[0] == ring[-1]
    corners = set(ring)
    assert len(corners) == 6
    assert {(4.8, 52.3), (4.82, 52.3), (4.82, 52.31), (4.8, 52.31)} <= corners
    # the shared edge from (4.81, 52.30) to (4.81, 52.31) is not part of the outline
    edges = {frozenset(pair) for pair in zip(ring, ring[1:], strict=False)}
    assert frozenset({(4.81, 52.3), (4.81, 52.31)}) not in edges


def test_separate_squares_stay_two_rings():
    assert len(geometry.outline([square(4.80, 52.30), square(4.90, 52.30)])) == 2


def test_a_dissolved_svg_path_draws_one_ring_and_the_plain_one_two():
    shapes = [square(4.80, 52.30), square(4.81, 52.30)]
    dissolved, _ = geometry.svg_path(shapes, dissolve=True)
    plain, box = geometry.svg_path(shapes)
    assert dissolved.count("M") == 1
    assert plain.count("M") == 2
    assert box[0] < box[2] and box[1] < box[3]


def test_the_centroid_of_two_equal_squares_is_their_shared_edge_midpoint():
    lon, lat = geometry.centroid([square(4.80, 52.30), square(4.81, 52.30)])
    assert abs(lon - 4.81) < 1e-9
    assert abs(lat - 52.305) < 1e-6
