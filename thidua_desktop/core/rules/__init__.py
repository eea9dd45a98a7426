"""Rules of commendation as code that explains itself (Qt-free).

- ``facts``: what the records say about each subject, loaded in a few batch queries;
- ``engine``: criteria, rule sets, verdicts (PASS / FAIL / UNKNOWN with a Vietnamese sentence);
- ``criteria`` and ``forms``: the rules of the Law on Emulation and Commendation 2022, its decrees, and the Party's
  regulations, each criterion citing its article and the date from which it applies;
- ``party_age``: Party age and the Party badge milestones and occasions;
- ``quota`` and ``money``: the cap on «Hoàn thành xuất sắc nhiệm vụ», council vote thresholds, reward money;
- ``params``: the numbers, kept as settings.
"""
