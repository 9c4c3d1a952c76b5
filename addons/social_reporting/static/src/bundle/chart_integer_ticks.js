/** @odoo-module */

import * as spreadsheet from "@odoo/o-spreadsheet";
import { patch } from "@web/core/utils/patch";

const { ChartJsComponent } = spreadsheet.components;

/**
 * A chart whose values are all whole numbers (counts of patients, of cases) gets whole
 * ticks on its value axis: Chart.js would otherwise put ticks at 0.5, 1.5… which an
 * integer format prints as "2 2 2 1 1 1 0 0".
 */
function wholeTicksForCounts(config) {
    const datasets = config?.data?.datasets || [];
    const values = datasets.flatMap((dataset) => dataset.data || []);
    const numbers = values.filter((value) => typeof value === "number");
    if (!numbers.length || !numbers.every(Number.isInteger)) {
        return config;
    }
    for (const scale of Object.values(config.options?.scales || {})) {
        if (scale.beginAtZero && scale.ticks) {
            scale.ticks.precision = 0;
        }
    }
    return config;
}

patch(ChartJsComponent.prototype, {
    createChart(chartData) {
        return super.createChart(wholeTicksForCounts(chartData));
    },
    updateChartJs(chartRuntime) {
        wholeTicksForCounts(chartRuntime.chartJsConfig);
        return super.updateChartJs(chartRuntime);
    },
});
