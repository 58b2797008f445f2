"""City plans reviewed against the province's; targets allocated to child regions."""
