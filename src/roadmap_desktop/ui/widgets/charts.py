"""Small builders over QtCharts for the Stats place: bars per category, lines over dates.

QtCharts loads only when the Stats place is first opened (this module is imported from there),
so it never costs start-up time. Charts follow the app's light or dark theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from roadmap_desktop.ui.theme import colors

# Colour-blind-safe series colours (Okabe-Ito), readable on both themes.
SERIES_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


def _chart(title: str, dark: bool) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    palette = colors(dark)
    chart.setBackgroundBrush(QColor(palette["base"]))
    chart.setTitleBrush(QColor(palette["text"]))
    chart.legend().setLabelColor(QColor(palette["text"]))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart, height: int) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    return view


def _value_axis(top: float, fmt: str = "%d", title: str = "") -> QValueAxis:
    axis = QValueAxis()
    # at least 0..4 so small counts get whole-number ticks, not repeated rounded labels
    axis.setRange(0, max(top, 4.0))
    axis.setLabelFormat(fmt)
    if title:
        axis.setTitleText(title)
    axis.applyNiceNumbers()
    return axis


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    dark: bool,
    stacked: bool = False,
    value_format: str = "%d",
    value_title: str = "",
    height: int = 230,
    label_every: int = 1,
    horizontal: bool = False,
) -> QChartView:
    """Bars per category; several series side by side, or stacked; ``horizontal`` puts the
    categories down the left (long names, many rows). ``label_every`` thins the category
    labels of long day-by-day axes (every n-th shown)."""
    chart = _chart(title, dark)
    bars: QAbstractBarSeries
    if horizontal:
        bars = QHorizontalBarSeries()
    else:
        bars = QStackedBarSeries() if stacked else QBarSeries()
    totals = [0.0] * len(categories)
    for index, (name, values) in enumerate(series):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(SERIES_COLORS[index % len(SERIES_COLORS)]))
        bar_set.setBorderColor(QColor(SERIES_COLORS[index % len(SERIES_COLORS)]))
        bar_set.append([float(v) for v in values])
        bars.append(bar_set)
        for i, value in enumerate(values):
            totals[i] = totals[i] + value if stacked else max(totals[i], value)
    top = max(totals, default=0.0)
    bars.setBarWidth(0.8)
    chart.addSeries(bars)
    x_axis: QAbstractAxis
    if horizontal or (label_every == 1 and len(categories) <= 16):
        x_axis = QBarCategoryAxis()
        x_axis.append(list(categories))
    else:
        # A value axis labelled only at every n-th bar: day-by-day axes stay readable.
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x_axis.setRange(-0.5, len(categories) - 0.5)
        for index in range(0, len(categories), label_every):
            x_axis.append(categories[index], index)
        x_axis.setGridLineVisible(False)
    y_axis = _value_axis(top, value_format, value_title)
    chart.addAxis(
        x_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
    )
    chart.addAxis(
        y_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    bars.attachAxis(x_axis)
    bars.attachAxis(y_axis)
    chart.legend().setVisible(len(series) > 1)
    return _view(chart, height)


def _ms(day: date) -> float:
    return float(QDateTime(datetime.combine(day, time(12))).toMSecsSinceEpoch())


def date_line_chart(
    title: str,
    series: Sequence[tuple[str, Sequence[tuple[date, float]]]],
    *,
    dark: bool,
    y_range: tuple[float, float] | None = None,
    value_title: str = "",
    height: int = 240,
    dashed: Sequence[str] = (),
) -> QChartView:
    """Lines over calendar days, one per named series; names in ``dashed`` are drawn dashed
    (a plan against what was done)."""
    chart = _chart(title, dark)
    days = [day for _, points in series for day, _ in points]
    values = [value for _, points in series for _, value in points]
    for index, (name, points) in enumerate(series):
        line = QLineSeries()
        line.setName(name)
        pen = line.pen()
        pen.setColor(QColor(SERIES_COLORS[index % len(SERIES_COLORS)]))
        pen.setWidthF(2.0)
        if name in dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        for day, value in points:
            line.append(_ms(day), float(value))
        line.setPointsVisible(len(points) <= 60)  # a few sessions: show each one
        chart.addSeries(line)
    x_axis = QDateTimeAxis()
    x_axis.setFormat("d MMM yy")
    x_axis.setTickCount(6)
    if days:
        first, last = min(days), max(days)
        x_axis.setRange(
            QDateTime(datetime.combine(first, time(0))),
            QDateTime(datetime.combine(last, time(23, 59))),
        )
    if y_range is not None:
        y_axis = QValueAxis()
        y_axis.setRange(*y_range)
        y_axis.setTickCount(int(y_range[1] - y_range[0]) + 1)
        y_axis.setLabelFormat("%d")
        if value_title:
            y_axis.setTitleText(value_title)
    else:
        y_axis = _value_axis(max(values, default=0.0), "%d", value_title)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for attached in chart.series():
        attached.attachAxis(x_axis)
        attached.attachAxis(y_axis)
    chart.legend().setVisible(len(series) > 1)
    return _view(chart, height)
