"""Rule-of-law government report ETL: files → figures → indicators → DuckDB."""

# Stored with every report; a load re-extracts reports stored by another version. 1.0.1: a Chinese numeral
# with no unit no longer hides a figure that starts inside it ("一百分之五"); the 42 shipped texts are unchanged.
# 1.1.0: clause grammar on indicator assignment, 14 new indicators, numerals by cn2an, ranges keep their low end,
# observations chosen by etl/extract/observations.py, related documents (document_kind).
# 1.2.0: checks keep the values they compared (`params`), so the dashboard words them in either language.
# 1.3.0: doubts mark uncertain assignments needs_review with a reason (review_reason); counts spelled with one
# Chinese digit (六项, 三个) and durations in 年 (连续5年) are figures.
# 1.4.0: every assignment says why (figures.assignment_rule); a pattern's context may come from the paragraph's
# topic clause, the heading chain or the document's title and kind.
# 1.4.1: numbers of tables that state no unit (one cell a line, or tab- and space-set rows) are unitless figures,
# as are fractions, 六大方面, ratios and numbers whose unit the scrape lost; scores (分) and places (3市8县) count.
# 1.5.0: a count over several years or another year needs review (period); a 其中: paragraph opens a list of
# parts; a named campaign's counts are a part; a 、 list's verb reaches its later items (rule scope list).
# 1.6.0: a text that names neither its kind nor rule of law loads when its figures are the catalogue's
# (rule_of_law_figures, every indicator reviewed: other_document); a talk with no public audience, a court's
# every-instance caseload and lumped acts, kinds and bodies need review; 两个百分之百 is no count.
# 1.7.0: an indicator whose context only the paragraph's opening clause states needs review (topic_scope); list
# markers a scrape ran into the figure opening their item (313个 for (3)13个) are split off; the catalogue reads
# the wordings of a phrase bank of real sentences (tests/phrasebank/); planned counts and non-litigation cases are none.
PARSER_VERSION = "1.7.0"
