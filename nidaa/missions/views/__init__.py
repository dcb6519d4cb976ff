"""The mission pages, one module per concept. Every view loads the mission
through ``get_mission_for_user`` (issuer's admins/editors, or the facilitator):
anyone else gets a 404, exactly as for a missing mission. Views validate a
form, call one service and redirect."""
