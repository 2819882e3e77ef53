// The browser side of iranus.charts.render.ChartView (an anywidget module).
//
// Python sends one trait, `payload` = {key, spec, values, signals}: a compiled Vega spec whose
// inline datasets are empty, the data of those datasets by name, the values of its title signals,
// and a key naming the spec. The chart is drawn here by Vega as SVG inside the widget's element
// (class "iranus-chart", dir="ltr"). When a control moves and the key is unchanged, only the
// data and the title are swapped into the running view.
//
// This file is the source; chart_view.bundle.js is built from it by
// `uv run python tools/build_vega_bundle.py` (vl-convert bundles Vega into it: no network).
// vl-convert's bundler offers Vega through vega-embed (`vegaEmbed`), which draws the spec.

const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

function withValues(spec, values, signals) {
  const full = Object.assign({}, spec);
  full.data = (spec.data || []).map((d) => (has(values, d.name) ? Object.assign({}, d, { values: values[d.name] }) : d));
  if (spec.signals) {
    full.signals = spec.signals.map((s) => (has(signals, s.name) ? Object.assign({}, s, { value: signals[s.name] }) : s));
  }
  return full;
}

// Vega's SVG renderer does not refresh the title's aria-label when its signals change: set it as
// Vega writes it when it draws a title afresh.
function refreshTitleLabels(el, signals) {
  const label = (selector, prefix, value) => {
    const group = el.querySelector(selector);
    if (group && value != null) group.setAttribute("aria-label", `${prefix} text '${[].concat(value).join(" ")}'`);
  };
  label("g.role-title-text", "Title", signals.iranus_title);
  label("g.role-title-subtitle", "Subtitle", signals.iranus_subtitle);
}

function draw(model, el, state) {
  const payload = model.get("payload") || {};
  el.setAttribute("lang", model.get("lang") || "en");
  if (!payload.spec) {
    if (state.view) state.view.finalize();
    state.view = null;
    state.key = null;
    el.replaceChildren();
    return Promise.resolve();
  }
  const values = payload.values || {};
  const signals = payload.signals || {};
  if (state.view && state.key === payload.key) {
    for (const name of Object.keys(values)) state.view.data(name, values[name]);
    for (const name of Object.keys(signals)) state.view.signal(name, signals[name]);
    return state.view
      .resize()
      .runAsync()
      .then(() => refreshTitleLabels(el, signals));
  }
  if (state.view) state.view.finalize();
  state.view = null;
  el.replaceChildren();
  state.key = payload.key;
  const target = document.createElement("div");
  el.appendChild(target);
  return vegaEmbed(target, withValues(payload.spec, values, signals), {
    mode: "vega",
    renderer: "svg",
    actions: false,
  }).then((result) => {
    state.view = result.view;
  });
}

export default {
  render({ model, el }) {
    el.classList.add("iranus-chart");
    el.setAttribute("dir", "ltr");
    const state = { view: null, key: null };
    const redraw = () => {
      el.iranusDrawn = draw(model, el, state).catch((err) => {
        el.textContent = "The chart could not be drawn: " + err;
      });
    };
    model.on("change:payload", redraw);
    model.on("change:lang", redraw);
    redraw();
    return () => {
      if (state.view) state.view.finalize();
    };
  },
};
