"""The generators' own logic, on synthetic inputs (their real runs are part of the build)."""

import math

from gen_deployment_matrix import FLOAT_TOLERANCE, ROUTES, TOLERANCES, tolerance_breaches


def rows_with(differences: dict) -> list[dict]:
    return [{"route": route, "difference": differences.get(route, 0.0)} for route in ROUTES]


def test_every_route_has_a_tolerance_and_float_routes_are_strict():
    assert set(TOLERANCES) == set(ROUTES)
    assert all(TOLERANCES[route] == FLOAT_TOLERANCE for route in ROUTES if "Quantized" not in route)


def test_differences_within_tolerance_pass():
    assert tolerance_breaches(rows_with({"LiteRT": FLOAT_TOLERANCE, "Quantized ONNX (int8)": 0.05})) == ""


def test_a_difference_over_tolerance_is_named():
    breaches = tolerance_breaches(rows_with({"SavedModel": 3 * FLOAT_TOLERANCE, "ONNX from Keras": math.nan}))
    limit = f"{FLOAT_TOLERANCE:.0e}"
    assert breaches == f"ONNX from Keras differs by nan > {limit}; SavedModel differs by {3 * FLOAT_TOLERANCE:.1e} > {limit}"
