"""The benchmark of the advisor: understanding, recommendations, speed and cost (`make bench`)."""
