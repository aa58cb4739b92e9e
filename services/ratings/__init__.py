"""好差评 (residents rate a closed case or a quarterly evaluation), 整改 (a poor rating becomes
a rectification task for the station, closed by the district hub), and the statistics the
public /data/ page, the overview and the staff dashboard read.

models.py     Rating, Rectification, RatingPolicy (rows; models of the `services` app)
rules.py      what may be rated, rating and changing it, answering and closing a rectification
statistics.py plain functions: satisfaction rates, on-time shares, month tables, "<5"
"""
