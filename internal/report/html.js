// entra-audit report: filters the control table and the control details.
// It only toggles `hidden` and writes textContent: no HTML is ever built
// from report data, and the CSP allows this exact script and nothing else.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll('#control-table tbody tr'));
  var count = document.getElementById('shown-count');
  var fields = {
    status: document.getElementById('f-status'),
    severity: document.getElementById('f-severity'),
    family: document.getElementById('f-family'),
    framework: document.getElementById('f-framework'),
    search: document.getElementById('f-search')
  };
  // Search covers the row and its details article, lower-cased once.
  var items = rows.map(function (row) {
    var article = document.getElementById(row.getAttribute('data-details'));
    var text = row.textContent + ' ' + (article ? article.textContent : '');
    return { row: row, article: article, text: text.toLowerCase() };
  });

  function matches(item, f) {
    var d = item.row.dataset;
    if (f.status && d.status !== f.status) { return false; }
    if (f.severity && d.severity !== f.severity) { return false; }
    if (f.family && d.family !== f.family) { return false; }
    if (f.framework && d.frameworks.indexOf('|' + f.framework + '|') === -1) { return false; }
    if (f.search && item.text.indexOf(f.search) === -1) { return false; }
    return true;
  }

  function apply() {
    var f = {
      status: fields.status.value,
      severity: fields.severity.value,
      family: fields.family.value,
      framework: fields.framework.value,
      search: fields.search.value.trim().toLowerCase()
    };
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, f);
      item.row.hidden = !ok;
      if (item.article) { item.article.hidden = !ok; }
      if (ok) { shown++; }
    });
    count.textContent = 'Showing ' + shown + ' of ' + items.length + ' controls';
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });

  // Print every detail, whatever is collapsed on screen.
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; reopened.push(d); });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
  apply();
}());
