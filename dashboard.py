"""Entry point: `streamlit run dashboard.py`.

Builds the database on first start, draws the shared sidebar (language, region, year — all in the URL),
then hands over to the chosen page. The page list lives in ui/nav.py.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from etl import queries
from ui import data, nav, state
from ui.i18n import t

st.set_page_config(page_title="法治政府建设年度报告看板", page_icon=":material/balance:", layout="wide")

lang = state.language_selector()

try:
    with st.spinner(t("notice.db_building", lang)):
        reports = data.query(queries.list_reports)
except (duckdb.Error, OSError) as error:
    st.error(t("notice.db_failed", lang, error=str(error)[:300]))
    reports = pd.DataFrame()

view = state.report_selector(reports, lang)
state.publish_view(view)

page = nav.build_navigation(lang)

for message in state.take_notices():
    st.warning(message, icon=":material/link_off:")
if view.report is None:
    st.info(t("notice.no_reports", lang))

page.run()
