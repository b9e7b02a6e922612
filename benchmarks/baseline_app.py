"""Baseline for the benchmark: the smallest Streamlit app with one Plotly chart, measured the same way."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Baseline", layout="wide")
st.title("Baseline")
choice = st.selectbox("Series", ["a", "b", "c"], key="series")
values = {"a": [3, 1, 2], "b": [1, 2, 3], "c": [2, 3, 1]}[choice]
st.plotly_chart(go.Figure(go.Bar(x=["x", "y", "z"], y=values)), theme=None)
