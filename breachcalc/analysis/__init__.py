"""Analysis over assessments: simulation, sensitivity, explanations and key figures."""
