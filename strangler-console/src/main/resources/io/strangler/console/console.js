/*
 * The Strangler console's renderer: one script for the live page and for the self-contained report.
 *
 * Live (<meta name="strangler-mode" content="live">): reads the model at "model" (relative to the page) every second
 * and re-renders; its controls post commands to "routes/{route}/{action}". Report (content="report"): reads the
 * recorded timeline from <script id="strangler-timeline">, shows its last frame, and a slider moves through the
 * frames. Both draw with the same render().
 *
 * Plain ES2017 for evergreen browsers, no dependencies but uPlot (global "uPlot"). Everything a model says (route
 * names, reasons, differences, actors) comes from people or from the systems under migration: it is only ever set as
 * text (textContent, createTextNode, setAttribute on data-* and title), never parsed as HTML.
 */
(function () {
  'use strict';

  /** The version of the model this script reads (ConsoleModel.VERSION). */
  const MODEL_VERSION = 1;
  const MODEL_URL = 'model';
  const COMMANDS_URL = 'routes/';
  const REFRESH_MS = 1000;
  const REFRESH_HIDDEN_MS = 5000;
  const TOAST_MS = 8000;
  const ACTOR_KEY = 'strangler.console.actor';
  // A report keeps checkpoints and mismatches in its last frame only: the earlier frames leave them out
  const LIGHT_FRAME = 'Kept for the last frame only: move the slider to the end.';
  const TOKEN_KEY = 'strangler.console.token';
  const CHART_HEIGHT = 160;
  const COLOURS = {
    legacy: '#64748b',
    modern: '#2563eb',
    mismatch: '#9333ea',
    share: '#0d9488',
    axis: '#475569',
    grid: '#eceff3',
    cursor: '#111827'
  };

  const ACTIONS = {
    approve: {
      label: 'Approve next step', submit: 'Approve',
      title: 'Approve the next step of',
      help: 'Gives the approval the next step of the plan needs. The controller takes the step at a tick once its ' +
        'bake and minimum samples allow; you are recorded as the actor of the step.'
    },
    pause: {
      label: 'Pause', submit: 'Pause',
      title: 'Pause the rollout of',
      help: 'Stops the rollout where it is. Its triggers still roll it back.'
    },
    resume: {
      label: 'Resume', submit: 'Resume',
      title: 'Resume the rollout of',
      help: 'Carries a paused or frozen rollout on from where it stopped.'
    },
    promote: {
      label: 'Promote now', submit: 'Promote',
      title: 'Promote now:',
      help: 'Takes the next step now, without waiting for the bake time, the minimum samples or an approval. ' +
        'Refused while a trigger fails or a dependency is below 100%.'
    },
    rollback: {
      label: 'Roll back', submit: 'Roll back',
      title: 'Roll back',
      help: 'Sends every call of the route, and of the routes that depend on it, back to legacy, and ends its ' +
        'rollout. Starting it again is a deliberate step.'
    },
    restore: {
      label: 'Restore', submit: 'Restore',
      title: 'Restore a checkpoint of',
      help: 'Puts the route back as the checkpoint saved it: stage, percentage, breaker and position in the plan. ' +
        'The step bakes again.'
    }
  };
  const CONTROL_ORDER = ['approve', 'pause', 'resume', 'promote', 'rollback'];

  const PHASE_TONE = {
    NOT_STARTED: 'neutral', RUNNING: 'info', AWAITING_APPROVAL: 'warn', PAUSED: 'warn', FROZEN: 'bad',
    RAMPING_DOWN: 'bad', ROLLED_BACK: 'bad', ABORTED: 'bad', COMPLETE: 'ok', GUARDED: 'neutral'
  };
  const PHASE_OVER = { ROLLED_BACK: true, ABORTED: true, COMPLETE: true };
  const BREAKER_TONE = {
    CLOSED: 'ok', HALF_OPEN: 'warn', OPEN: 'bad', FORCED_OPEN: 'bad', DISABLED: 'neutral', METRICS_ONLY: 'neutral'
  };
  const VERDICT_TONE = { PASS: 'ok', INCONCLUSIVE: 'warn', FAIL: 'bad' };
  const VERDICT_RANK = { PASS: 1, INCONCLUSIVE: 2, FAIL: 3 };
  const ROLLBACK_TONE = { INITIATED: 'warn', COMPLETED: 'ok', FAILED: 'bad' };

  /** The x axis' tick steps in seconds: uPlot's own skip from 1 to 5 minutes, which leaves a narrow chart bare. */
  const TIME_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
    86400, 172800, 604800];

  const CHARTS = [
    {
      key: 'error-rate', title: 'Error rate', unit: '%', share: true,
      series: [['legacy', 'legacyErrorRate', COLOURS.legacy], ['modern', 'modernErrorRate', COLOURS.modern]],
      format: function (v) { return percent(v); }
    },
    {
      key: 'latency', title: 'p95 latency', unit: 'ms',
      series: [['legacy', 'legacyP95Ms', COLOURS.legacy], ['modern', 'modernP95Ms', COLOURS.modern]],
      format: function (v) { return millis(v); }
    },
    {
      key: 'throughput', title: 'Throughput', unit: 'calls/s',
      series: [['legacy', 'legacyThroughput', COLOURS.legacy], ['modern', 'modernThroughput', COLOURS.modern]],
      format: function (v) { return v == null ? '—' : significant(v, 3) + '/s'; }
    },
    {
      key: 'mismatch-rate', title: 'Mismatch rate', unit: '% of comparisons',
      series: [['mismatches', 'mismatchRate', COLOURS.mismatch]],
      format: function (v) { return percent(v); }
    }
  ];

  // ------------------------------------------------------------------------------------------------ DOM helpers

  /** An element: props are class, text, data (data-* attributes), style (properties) or attributes. */
  function h(tag, props, children) {
    const el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        const value = props[key];
        if (value == null || value === false) {
          return;
        }
        if (key === 'class') {
          el.className = value;
        } else if (key === 'text') {
          el.textContent = String(value);
        } else if (key === 'data') {
          Object.keys(value).forEach(function (d) {
            if (value[d] != null) {
              el.setAttribute('data-' + d, String(value[d]));
            }
          });
        } else if (key === 'style') {
          Object.keys(value).forEach(function (p) { el.style.setProperty(p, value[p]); });
        } else {
          el.setAttribute(key, value === true ? '' : String(value));
        }
      });
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    if (children == null || children === false) {
      return;
    }
    if (!Array.isArray(children)) {
      children = [children];
    }
    children.forEach(function (c) {
      if (c == null || c === false) {
        return;
      }
      if (Array.isArray(c)) {
        append(el, c);
      } else if (typeof c === 'object') {
        el.appendChild(c);
      } else {
        el.appendChild(document.createTextNode(String(c)));
      }
    });
  }

  function setChildren(el, children) {
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
    append(el, children);
  }

  function badge(text, tone, cls) {
    return h('span', { class: 'badge ' + (tone || 'neutral') + (cls ? ' ' + cls : ''), data: { value: text } },
      text);
  }

  function stageBadge(stage, cls) {
    return h('span', {
      class: 'badge stage-badge stage-' + String(stage).toLowerCase().replace(/[^a-z_]/g, '') + (cls ? ' ' + cls : ''),
      data: { value: stage }
    }, stage);
  }

  function empty(text) {
    return h('p', { class: 'empty' }, text);
  }

  function table(cls, headings, rows) {
    return h('div', { class: 'table-scroll' }, h('table', { class: cls }, [
      h('thead', null, h('tr', null, headings.map(function (t) {
        return h('th', { scope: 'col', class: t[1] === 'num' ? 'num' : t[1] ? 'col-' + t[1] : null }, t[0]);
      }))),
      h('tbody', null, rows)
    ]));
  }

  function td(cls, content, title) {
    return h('td', { class: cls || null, title: title || null }, content);
  }

  function meta(name) {
    const el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  // -------------------------------------------------------------------------------------------------- formatting

  function significant(v, digits) {
    if (v == null || !isFinite(v)) {
      return '—';
    }
    if (v === 0) {
      return '0';
    }
    if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4) {
      return v.toExponential(digits - 1);
    }
    return String(Number(v.toPrecision(digits)));
  }

  function fixed(v, decimals) {
    return String(Number(v.toFixed(decimals)));
  }

  /** A percentage given in percent: 0%, 0.052%, 3.14%, 42.5%, 100%. */
  function percent(v) {
    if (v == null || !isFinite(v)) {
      return '—';
    }
    const a = Math.abs(v);
    if (a === 0) {
      return '0%';
    }
    if (a < 0.01) {
      return significant(v, 2) + '%';
    }
    if (a < 10) {
      return fixed(v, 2) + '%';
    }
    return fixed(v, 1) + '%';
  }

  /** Modern's share of keys: at most two decimals, as the state holds basis points. */
  function share(v) {
    return v == null || !isFinite(v) ? '—' : fixed(v, 2) + '%';
  }

  function rate(part, whole) {
    return whole > 0 ? percent(100 * part / whole) : '—';
  }

  function count(n) {
    return n == null ? '—' : Number(n).toLocaleString('en-US');
  }

  function millis(ms) {
    if (ms == null || !isFinite(ms)) {
      return '—';
    }
    if (ms >= 10000) {
      return fixed(ms / 1000, 1) + ' s';
    }
    if (ms >= 100) {
      return fixed(ms, 0) + ' ms';
    }
    if (ms >= 10) {
      return fixed(ms, 1) + ' ms';
    }
    if (ms >= 1) {
      return fixed(ms, 2) + ' ms';
    }
    return significant(ms, 2) + ' ms';
  }

  /** 45s, 4m 12s, 1h 05m, 2d 3h. */
  function duration(seconds) {
    if (seconds == null || !isFinite(seconds)) {
      return '—';
    }
    let s = Math.max(0, Math.round(seconds));
    const d = Math.floor(s / 86400);
    s -= d * 86400;
    const hours = Math.floor(s / 3600);
    s -= hours * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    if (d > 0) {
      return d + 'd ' + hours + 'h';
    }
    if (hours > 0) {
      return hours + 'h ' + pad(m) + 'm';
    }
    if (m > 0) {
      return m + 'm ' + pad(s) + 's';
    }
    return s + 's';
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function parseTime(iso) {
    if (!iso) {
      return null;
    }
    const t = Date.parse(iso);
    return isNaN(t) ? null : t;
  }

  function utcDate(ms) {
    const d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }

  function utcClock(ms) {
    const d = new Date(ms);
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }

  function dateTime(iso) {
    const t = parseTime(iso);
    return t == null ? '—' : utcDate(t) + ' ' + utcClock(t) + ' UTC';
  }

  /** A time of the model: the clock alone on the model's day, date and clock otherwise; the ISO text on hover. */
  function time(iso, nowMs) {
    const t = parseTime(iso);
    if (t == null) {
      return h('span', { class: 'time' }, '—');
    }
    const text = nowMs != null && utcDate(t) === utcDate(nowMs) ? utcClock(t) : utcDate(t) + ' ' + utcClock(t);
    return h('time', { class: 'time', datetime: iso, title: iso }, text);
  }

  /** How long before the model's time, in parentheses: " (4m 12s ago)"; empty when either time is unknown. */
  function ago(iso, nowMs) {
    const t = parseTime(iso);
    if (t == null || nowMs == null) {
      return '';
    }
    const s = (nowMs - t) / 1000;
    return s < 1 ? ' (just now)' : ' (' + duration(s) + ' ago)';
  }

  /** A judgement's number, in the unit of its trigger (see Judgement's table). */
  function judged(trigger, v) {
    if (v == null || !isFinite(v)) {
      return '—';
    }
    switch (trigger) {
      case 'ERROR_RATE':
      case 'LATENCY':
      case 'MISMATCH_RATE':
        return percent(v * 100);
      case 'THROUGHPUT':
      case 'BASELINE_THROUGHPUT':
        return significant(v, 3) + '×';
      case 'DATA_INTEGRITY':
      case 'BREAKER_OPEN':
        return Number.isInteger(v) ? count(v) : significant(v, 3);
      default:
        return significant(v, 4);
    }
  }

  function worstVerdict(judgements) {
    let worst = null;
    (judgements || []).forEach(function (j) {
      if (worst == null || (VERDICT_RANK[j.verdict] || 0) > (VERDICT_RANK[worst] || 0)) {
        worst = j.verdict;
      }
    });
    return worst;
  }

  function passing(judgements) {
    return (judgements || []).filter(function (j) { return j.verdict === 'PASS'; }).length;
  }

  function shareBar(percentage) {
    const width = Math.max(0, Math.min(100, percentage || 0));
    return h('span', { class: 'share' }, [
      h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'fill', style: { width: width + '%' } })),
      h('span', { class: 'share-text' }, share(percentage))
    ]);
  }

  function routeId(name) {
    return 'route-' + name;
  }

  // ------------------------------------------------------------------------------------------------------- state

  const mode = meta('strangler-mode') === 'report' ? 'report' : 'live';
  const csrfHeader = meta('strangler-csrf-header');
  const csrfToken = meta('strangler-csrf-token');
  // Spring: the signed-in user acts, and the server records that name whatever the body says
  const signedIn = meta('strangler-actor');
  const page = {
    app: document.getElementById('app'),
    meta: document.getElementById('meta'),
    status: document.getElementById('status'),
    banner: document.getElementById('banner'),
    toast: document.getElementById('toast'),
    built: false,
    overview: null,
    overviewRows: new Map(),
    cards: new Map(),
    cardList: null,
    audit: null,
    auditSig: null,
    metaSig: null,
    model: null,
    resizeObserver: null
  };

  // ------------------------------------------------------------------------------------------------- the render

  /**
   * Draws a model. opts.seriesOf(route) gives a route's chart columns; opts.cursor an epoch second the charts mark
   * (the report's frame). Returns false when the model cannot be shown.
   */
  function render(model, opts) {
    if (!model || typeof model !== 'object') {
      fatal('The console received no model.');
      return false;
    }
    if (model.version !== MODEL_VERSION) {
      fatal('This page reads version ' + MODEL_VERSION + ' of the console\'s model, and was sent version ' +
        String(model.version) + '. The page and the server come from different Strangler versions: reload the ' +
        'page, or upgrade the one that is older.');
      return false;
    }
    try {
      build();
      page.model = model;
      const nowMs = parseTime(model.generatedAt);
      const router = model.router || {};
      const ctx = {
        nowMs: nowMs,
        live: mode === 'live',
        writes: mode === 'live' && router.writes === true,
        controller: router.controller === true,
        leads: router.leads === true,
        cursor: opts.cursor == null ? null : opts.cursor,
        seriesOf: opts.seriesOf
      };
      renderMeta(model, ctx);
      renderOverview(model.routes || [], ctx);
      renderCards(model.routes || [], ctx);
      renderAudit(model.audit || [], ctx);
      page.app.hidden = false;
      if (page.banner.dataset.kind === 'fatal' || page.banner.dataset.kind === 'render') {
        hideBanner();
      }
      return true;
    } catch (e) {
      showBanner('render', 'The console could not draw this model: ' + (e && e.message ? e.message : e) +
        '. What is shown may be out of date.');
      console.error('strangler console: rendering failed', e);
      return false;
    }
  }

  function build() {
    if (page.built) {
      return;
    }
    const loading = document.getElementById('loading');
    if (loading) {
      loading.remove();
    }
    page.overview = h('tbody');
    page.cardList = h('div', { id: 'cards', class: 'cards' });
    page.audit = h('div', { class: 'audit-body' });
    append(page.app, [
      h('section', { id: 'overview', class: 'panel overview', 'aria-labelledby': 'overview-title' }, [
        h('h2', { id: 'overview-title' }, 'Routes'),
        h('div', { class: 'table-scroll' }, h('table', { class: 'overview-table' }, [
          h('thead', null, h('tr', null, [
            ['Route', 'name'], ['Stage', 'stage'], ['Modern share', 'percentage'], ['Rollout', 'rollout'],
            ['Bake left', 'bake'], ['Approval', 'approval'], ['Breaker', 'breaker'],
            ['Error rate modern / legacy', 'error-rates num'], ['Calls modern / legacy', 'calls num'],
            ['Verdict', 'verdicts']
          ].map(function (c) { return h('th', { scope: 'col', class: 'col-' + c[1] }, c[0]); }))),
          page.overview
        ]))
      ]),
      page.cardList,
      h('section', { id: 'audit', class: 'panel audit', 'aria-labelledby': 'audit-title' }, [
        h('h2', { id: 'audit-title' }, 'Console audit'),
        h('p', { class: 'hint' }, 'Every command sent to this console, made or refused, newest first.'),
        page.audit
      ])
    ]);
    if (typeof ResizeObserver === 'function') {
      page.resizeObserver = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          const chart = entry.target.strangler;
          if (chart) {
            chart.resize();
          }
        });
      });
    } else {
      window.addEventListener('resize', function () {
        page.cards.forEach(function (card) { card.charts.forEach(function (c) { c.resize(); }); });
      });
    }
    page.built = true;
  }

  // ---------------------------------------------------------------------------------------------------- header

  function renderMeta(model, ctx) {
    const router = model.router || {};
    const sig = JSON.stringify([model.generatedAt, router, ctx.live]);
    if (sig === page.metaSig) {
      return;
    }
    page.metaSig = sig;
    let controller;
    if (!router.controller) {
      controller = [badge('none', 'neutral'), ' no rollout controller runs here'];
    } else if (router.leads) {
      controller = [badge('leading', 'ok')];
    } else {
      controller = [badge('standing by', 'warn'), ' another instance leads the rollouts'];
    }
    const lease = router.lease;
    const items = [
      ['Model time', h('span', { id: 'generated-at' }, dateTime(model.generatedAt))],
      ['Controller', h('span', { id: 'controller' }, controller)]
    ];
    if (lease) {
      items.push(['Lease', h('span', { id: 'lease' }, [lease.holder, ', epoch ' + count(lease.epoch) +
        ', until ', time(lease.expiresAt, ctx.nowMs)])]);
    }
    if (ctx.live) {
      items.push(['Writes', h('span', { id: 'writes' }, router.writes
        ? badge('enabled', 'ok') : badge('read-only', 'neutral'))]);
    }
    setChildren(page.meta, items.map(function (item) {
      return h('div', { class: 'meta-item' }, [h('dt', null, item[0]), h('dd', null, item[1])]);
    }));
  }

  // -------------------------------------------------------------------------------------------------- overview

  function renderOverview(routes, ctx) {
    const seen = new Set();
    routes.forEach(function (route, index) {
      seen.add(route.name);
      let row = page.overviewRows.get(route.name);
      const sig = JSON.stringify([overviewData(route), ctx.nowMs != null]);
      if (!row) {
        row = { el: h('tr', { data: { route: route.name } }), sig: null };
        page.overviewRows.set(route.name, row);
      }
      if (row.sig !== sig) {
        setChildren(row.el, overviewCells(route));
        row.sig = sig;
      }
      if (page.overview.children[index] !== row.el) {
        page.overview.insertBefore(row.el, page.overview.children[index] || null);
      }
    });
    page.overviewRows.forEach(function (row, name) {
      if (!seen.has(name)) {
        row.el.remove();
        page.overviewRows.delete(name);
      }
    });
    if (routes.length === 0 && !page.overview.querySelector('.no-routes')) {
      append(page.overview, h('tr', { class: 'no-routes' }, h('td', { colspan: '10', class: 'empty' },
        'The router has no route.')));
    } else if (routes.length > 0) {
      const none = page.overview.querySelector('.no-routes');
      if (none) {
        none.remove();
      }
    }
  }

  function overviewData(route) {
    const r = route.rollout;
    return [route.name, route.stage, route.percentage, route.enabled, route.breaker, route.phase,
      r && [r.phase, r.step, r.steps, r.bakeRemainingSeconds, r.awaitingApproval, r.approved, r.nextNeedsApproval],
      route.legacy, route.modern, (route.judgements || []).map(function (j) { return j.verdict; })];
  }

  function overviewCells(route) {
    const r = route.rollout;
    const verdict = worstVerdict(route.judgements);
    let approval = null;
    if (r && r.awaitingApproval) {
      approval = badge('approval pending', 'warn', 'approval-pending');
    } else if (r && r.approved) {
      approval = badge('approved', 'ok');
    } else if (r && r.nextNeedsApproval && !PHASE_OVER[r.phase]) {
      approval = h('span', { class: 'muted' }, 'next step needs it');
    }
    const modern = route.modern || {};
    const legacy = route.legacy || {};
    return [
      td('name', [
        h('a', { class: 'route-link', href: '#' + encodeURIComponent(routeId(route.name)) }, route.name),
        route.phase ? h('span', { class: 'migration-phase', title: 'migration phase' }, route.phase) : null,
        route.enabled === false ? badge('kill switch', 'bad', 'kill-switch') : null
      ]),
      td('stage', stageBadge(route.stage)),
      td('percentage', shareBar(route.percentage)),
      td('rollout', r ? [badge(r.phase, PHASE_TONE[r.phase], 'phase'), ' ',
        h('span', { class: 'step', title: 'step of the plan' },
          r.steps > 0 ? (r.step < 0 ? 0 : r.step + 1) + '/' + r.steps : '')]
        : h('span', { class: 'phase muted' }, '—')),
      td('bake', r && r.bakeRemainingSeconds != null && !PHASE_OVER[r.phase]
        ? (r.bakeRemainingSeconds > 0 ? duration(r.bakeRemainingSeconds) : 'baked') : '—'),
      td('approval', approval),
      td('breaker', badge(route.breaker, BREAKER_TONE[route.breaker])),
      td('error-rates num', [
        h('span', { class: 'error-modern', title: 'modern: errors and fallbacks over its calls' },
          rate((modern.errors || 0) + (modern.fallbacks || 0), modern.calls)),
        h('span', { class: 'sep' }, ' / '),
        h('span', { class: 'error-legacy', title: 'legacy: errors over its calls' },
          rate(legacy.errors || 0, legacy.calls))
      ]),
      td('calls num', [
        h('span', { class: 'calls-modern', title: 'calls routed to modern' }, count(modern.calls)),
        h('span', { class: 'sep' }, ' / '),
        h('span', { class: 'calls-legacy', title: 'calls legacy served' }, count(legacy.calls))
      ]),
      td('verdicts', verdict ? h('span', {
        class: 'badge ' + VERDICT_TONE[verdict] + ' verdict', data: { value: verdict },
        title: passing(route.judgements) + ' of ' + route.judgements.length + ' triggers pass'
      }, verdict) : h('span', { class: 'verdict muted' }, '—'))
    ];
  }

  // ----------------------------------------------------------------------------------------------------- cards

  const SECTIONS = ['head', 'controls', 'state', 'rollout', 'counts', 'judgements', 'charts', 'rollbacks',
    'checkpoints', 'reconciliation', 'mismatches'];

  function renderCards(routes, ctx) {
    const seen = new Set();
    routes.forEach(function (route, index) {
      seen.add(route.name);
      let card = page.cards.get(route.name);
      if (!card) {
        card = createCard(route.name);
        page.cards.set(route.name, card);
      }
      if (page.cardList.children[index] !== card.el) {
        page.cardList.insertBefore(card.el, page.cardList.children[index] || null);
      }
      updateCard(card, route, ctx);
    });
    page.cards.forEach(function (card, name) {
      if (!seen.has(name)) {
        card.charts.forEach(function (c) { c.destroy(); });
        card.el.remove();
        page.cards.delete(name);
      }
    });
  }

  function createCard(name) {
    const el = h('section', { class: 'card', id: routeId(name), data: { route: name } });
    const parts = {};
    SECTIONS.forEach(function (key) {
      parts[key] = h('div', { class: 'part part-' + key });
    });
    append(el, [
      parts.head,
      parts.controls,
      h('div', { class: 'blocks' }, [
        block('State', 'state', parts.state),
        block('Rollout', 'rollout', parts.rollout)
      ]),
      block('Calls per side', 'counts', parts.counts),
      block('Judgements', 'judgements', parts.judgements),
      block('Over time', 'charts', parts.charts),
      block('Rollback history', 'rollbacks', parts.rollbacks),
      block('Checkpoints', 'checkpoints', parts.checkpoints),
      h('div', { class: 'blocks' }, [
        block('Reconciliation backlog', 'reconciliation', parts.reconciliation),
        block('Recent mismatches', 'mismatches', parts.mismatches)
      ])
    ]);
    return { el: el, name: name, parts: parts, sigs: {}, charts: [], chartsBuilt: false, seriesSig: null };
  }

  function block(title, key, body) {
    return h('div', { class: 'block block-' + key }, [h('h3', null, title), body]);
  }

  /** Rebuilds one part of a card when what it shows changed; interactive parts are not rebuilt needlessly. */
  function part(card, key, data, build) {
    const sig = JSON.stringify(data);
    if (card.sigs[key] === sig) {
      return;
    }
    setChildren(card.parts[key], build());
    card.sigs[key] = sig;
  }

  function updateCard(card, route, ctx) {
    const r = route.rollout;
    part(card, 'head', [route.name, route.stage, route.percentage, route.enabled, r && r.phase,
      worstVerdict(route.judgements)], function () { return cardHead(route); });
    part(card, 'controls', [ctx.live, ctx.writes, ctx.controller, ctx.leads, route.stage, route.percentage,
      r && [r.phase, r.steps, r.awaitingApproval, r.approved, r.nextNeedsApproval, r.nextPercentage]],
    function () { return controls(route, ctx); });
    part(card, 'state', [route.stage, route.percentage, route.enabled, route.version, route.breaker, route.lastChange,
      route.phase, route.dependsOn, ctx.nowMs], function () { return stateBlock(route, ctx); });
    part(card, 'rollout', [r, route.percentage, ctx.controller, ctx.nowMs],
      function () { return rolloutBlock(route, ctx); });
    part(card, 'counts', [route.legacy, route.modern, route.shadow, route.writes],
      function () { return countsBlock(route); });
    part(card, 'judgements', route.judgements, function () { return judgementsBlock(route); });
    part(card, 'rollbacks', [route.rollbacks, ctx.nowMs], function () { return rollbacksBlock(route, ctx); });
    part(card, 'checkpoints', [route.checkpoints, ctx.writes, ctx.controller, ctx.leads, ctx.nowMs],
      function () { return checkpointsBlock(route, ctx); });
    part(card, 'reconciliation', [route.reconciliation, ctx.nowMs],
      function () { return reconciliationBlock(route, ctx); });
    part(card, 'mismatches', [route.mismatches, ctx.nowMs], function () { return mismatchesBlock(route, ctx); });
    updateCharts(card, route, ctx);
  }

  function cardHead(route) {
    const r = route.rollout;
    const verdict = worstVerdict(route.judgements);
    return h('header', { class: 'card-head' }, [
      h('h2', { class: 'card-title' }, route.name),
      h('div', { class: 'card-badges' }, [
        stageBadge(route.stage, 'stage'),
        h('span', { class: 'percentage' }, shareBar(route.percentage)),
        r ? badge(r.phase, PHASE_TONE[r.phase], 'phase') : null,
        verdict ? badge(verdict, VERDICT_TONE[verdict], 'verdict') : null,
        route.enabled === false ? badge('kill switch pulled', 'bad', 'kill-switch') : null
      ])
    ]);
  }

  // -------------------------------------------------------------------------------------------------- controls

  function controls(route, ctx) {
    if (!ctx.live) {
      return null;
    }
    if (!ctx.writes) {
      return h('p', { class: 'readonly-note' }, 'read-only: writes are disabled');
    }
    const buttons = CONTROL_ORDER.map(function (action) {
      const why = refusal(action, route, ctx);
      const attention = action === 'approve' && !why && route.rollout && route.rollout.awaitingApproval;
      return h('button', {
        type: 'button',
        class: 'button' + (attention ? ' primary attention' : '') + (action === 'rollback' ? ' danger' : ''),
        data: { action: action },
        disabled: why ? true : null,
        title: why || ACTIONS[action].help
      }, ACTIONS[action].label);
    });
    const notes = [];
    if (ctx.controller && !ctx.leads) {
      notes.push(h('span', { class: 'hint' }, 'This instance\'s controller stands by: rollout commands go to the ' +
        'instance that leads.'));
    }
    return h('div', { class: 'controls-bar' }, [buttons, notes]);
  }

  /** Why an action cannot be asked for now, or null when it can. */
  function refusal(action, route, ctx) {
    const r = route.rollout;
    if (action === 'rollback') {
      if (route.stage === 'RETIRED') {
        return 'A retired route cannot be rolled back.';
      }
      const servesModern = route.stage === 'CANARY' || route.stage === 'MODERN' || route.percentage > 0;
      return servesModern ? null : 'Legacy serves every call already.';
    }
    if (!ctx.controller) {
      return 'No rollout controller runs here.';
    }
    if (!ctx.leads) {
      return 'This instance\'s controller stands by; the leader takes commands.';
    }
    if (!r) {
      return 'The controller does not run this route.';
    }
    const planned = r.steps > 0;
    const over = PHASE_OVER[r.phase];
    switch (action) {
      case 'approve':
        if (!planned || over) {
          return 'The route has no rollout to approve.';
        }
        if (r.approved) {
          return 'The next step is approved already.';
        }
        return r.awaitingApproval || r.nextNeedsApproval ? null : 'The next step needs no approval.';
      case 'pause':
        if (!planned || over) {
          return 'The route has no rollout to pause.';
        }
        return r.phase === 'PAUSED' || r.phase === 'FROZEN' || r.phase === 'RAMPING_DOWN'
          ? 'The rollout is ' + r.phase + '.' : null;
      case 'resume':
        return r.phase === 'PAUSED' || r.phase === 'FROZEN' ? null : 'The rollout is neither paused nor frozen.';
      case 'promote':
        if (!planned || over) {
          return 'The route has no rollout to promote.';
        }
        if (r.phase === 'FROZEN' || r.phase === 'RAMPING_DOWN') {
          return 'The rollout is ' + r.phase + '.';
        }
        return r.nextPercentage == null ? 'The rollout is on its last step.' : null;
      default:
        return null;
    }
  }

  // ----------------------------------------------------------------------------------------------------- state

  function stateBlock(route, ctx) {
    const change = route.lastChange;
    const rows = [
      ['Stage', stageBadge(route.stage, 'stage')],
      ['Modern share', h('span', { class: 'percentage' }, shareBar(route.percentage))],
      ['Traffic', route.enabled === false
        ? badge('kill switch pulled: legacy serves everything', 'bad', 'kill-switch')
        : badge('enabled', 'ok', 'enabled')],
      ['Version', h('span', { class: 'version' }, count(route.version))],
      ['Modern breaker', badge(route.breaker, BREAKER_TONE[route.breaker], 'breaker')],
      ['Last change', change ? h('span', { class: 'last-change' }, [
        'by ', h('strong', { class: 'actor' }, change.actor), ' ',
        time(change.time, ctx.nowMs), ago(change.time, ctx.nowMs),
        change.reason ? h('span', { class: 'reason' }, change.reason) : null
      ]) : h('span', { class: 'muted' }, 'never changed since registration')],
      ['Migration phase', route.phase ? h('span', { class: 'migration-phase' }, route.phase) : '—'],
      ['Depends on', route.dependsOn && route.dependsOn.length
        ? route.dependsOn.map(function (d, i) {
          return [i ? ', ' : '', h('a', { href: '#' + encodeURIComponent(routeId(d)) }, d)];
        }) : '—']
    ];
    return definitions(rows);
  }

  function definitions(rows) {
    return h('dl', { class: 'facts' }, rows.map(function (row) {
      return h('div', { class: 'fact' }, [h('dt', null, row[0]), h('dd', null, row[1])]);
    }));
  }

  // --------------------------------------------------------------------------------------------------- rollout

  function rolloutBlock(route, ctx) {
    const r = route.rollout;
    if (!r) {
      return empty(ctx.controller ? 'The rollout controller neither runs nor guards this route.'
        : 'No rollout controller runs here: the route moves only when a person changes it.');
    }
    const out = [];
    const stopped = PHASE_OVER[r.phase] && r.phase !== 'COMPLETE';
    let stepText;
    if (r.steps === 0) {
      stepText = 'no plan: the controller guards the route with its triggers';
    } else if (r.step < 0) {
      stepText = 'before the first of ' + r.steps + ' steps';
    } else if (stopped) {
      stepText = 'stopped on step ' + (r.step + 1) + ' of ' + r.steps + '; modern serves ' +
        share(route.percentage) + ' of keys';
    } else {
      stepText = 'step ' + (r.step + 1) + ' of ' + r.steps + ' (' + share(r.percentage) + ' of keys)';
    }
    out.push(h('p', { class: 'rollout-summary' }, [badge(r.phase, PHASE_TONE[r.phase], 'phase'), ' ',
      h('span', { class: 'rollout-step' }, stepText)]));
    if (r.plan && r.plan.length) {
      out.push(h('ol', { class: 'step-bar', 'aria-label': 'the plan\'s steps' }, r.plan.map(function (s, i) {
        const cls = ['plan-step'];
        if (i < r.step) {
          cls.push('done');
        }
        if (i === r.step) {
          cls.push(stopped ? 'stopped' : 'current');
        }
        if (s.approval) {
          cls.push('needs-approval');
        }
        return h('li', {
          class: cls.join(' '), data: { step: i },
          title: 'step ' + (i + 1) + ': ' + share(s.percentage) + ', bake ' + duration(s.bakeSeconds) +
            (s.approval ? ', needs approval' : '')
        }, [
          h('span', { class: 'step-percentage' }, share(s.percentage)),
          h('span', { class: 'step-bake' }, duration(s.bakeSeconds)),
          s.approval ? h('span', { class: 'step-approval' }, 'approval') : null
        ]);
      })));
    }
    const facts = [];
    if (r.bakeSeconds != null && !PHASE_OVER[r.phase]) {
      const left = r.bakeRemainingSeconds || 0;
      const done = r.bakeSeconds > 0 ? Math.min(100, 100 * (r.bakeSeconds - left) / r.bakeSeconds) : 100;
      facts.push(['Bake', h('span', { class: 'bake' }, [
        h('span', { class: 'bake-left' }, left > 0 ? duration(left) + ' left of ' + duration(r.bakeSeconds)
          : 'baked (' + duration(r.bakeSeconds) + ')'),
        h('span', { class: 'bar bake-bar', 'aria-hidden': 'true' },
          h('span', { class: 'fill', style: { width: done + '%' } }))
      ])]);
    }
    if (r.stepStartedAt) {
      facts.push(['Step started', time(r.stepStartedAt, ctx.nowMs)]);
    }
    if (r.nextPercentage != null && !PHASE_OVER[r.phase]) {
      facts.push(['Next', h('span', { class: 'next' }, [share(r.nextPercentage),
        r.nextNeedsApproval ? (r.approved ? badge('approved', 'ok') : badge('needs approval', 'warn')) : null])]);
    }
    if (r.awaitingApproval) {
      facts.push(['Approval', badge('approval pending', 'warn', 'approval-pending')]);
    }
    facts.push(['Modern calls in step', h('span', { class: 'calls-in-step' }, count(r.modernCallsInStep))]);
    out.push(definitions(facts));
    if (r.reason) {
      out.push(h('p', { class: 'reason rollout-reason' }, r.reason));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------- counts

  function countsBlock(route) {
    const rows = ['legacy', 'modern'].map(function (side) {
      const s = route[side] || {};
      const failures = side === 'modern' ? (s.errors || 0) + (s.fallbacks || 0) : (s.errors || 0);
      return h('tr', { data: { side: side } }, [
        h('th', { scope: 'row' }, side),
        td('num calls', count(s.calls)),
        td('num errors', count(s.errors)),
        td('num fallbacks', side === 'modern' ? count(s.fallbacks) : '—'),
        td('num short-circuited', side === 'modern' ? count(s.shortCircuited) : '—'),
        td('num error-rate', rate(failures, s.calls),
          side === 'modern' ? 'errors and fallbacks over modern\'s calls' : 'errors over legacy\'s calls'),
        td('num p95', millis(s.p95Ms))
      ]);
    });
    const sh = route.shadow || {};
    const w = route.writes || {};
    const shadowLine = sh.compared || sh.dropped || sh.errors || sh.timeouts
      ? h('p', { class: 'shadow-line' }, [h('strong', null, 'Shadow reads: '),
        count(sh.compared) + ' compared · ' + count(sh.matches) + ' matched · ',
        h('span', { class: sh.mismatches ? 'tone-bad' : null }, count(sh.mismatches) + ' mismatches'),
        ' (' + rate(sh.mismatches || 0, sh.compared) + ') · ' + count(sh.errors) + ' errors · ' +
        count(sh.timeouts) + ' timeouts · ' + count(sh.dropped) + ' dropped'])
      : h('p', { class: 'shadow-line muted' }, 'Shadow reads: none compared.');
    const writesLine = w.succeeded || w.failed || w.lost || w.integrityFailures || w.verified
      ? h('p', { class: 'writes-line' }, [h('strong', null, 'Second writes: '),
        count(w.succeeded) + ' succeeded · ' + count(w.verified) + ' verified · ',
        h('span', { class: w.failed ? 'tone-warn' : null }, count(w.failed) + ' failed'), ' · ',
        h('span', { class: w.lost ? 'tone-bad' : null }, count(w.lost) + ' lost'), ' · ',
        h('span', { class: w.integrityFailures ? 'tone-bad' : null },
          count(w.integrityFailures) + ' integrity failures')])
      : h('p', { class: 'writes-line muted' }, 'Second writes: none.');
    return [
      table('counts-table', [['Side'], ['Calls', 'num'], ['Errors', 'num'], ['Fallbacks', 'num'],
        ['Short-circuited', 'num'], ['Error rate', 'num'], ['p95', 'num']], rows),
      shadowLine,
      writesLine
    ];
  }

  // ------------------------------------------------------------------------------------------------ judgements

  function judgementsBlock(route) {
    const js = route.judgements || [];
    if (!js.length) {
      return empty(route.rollout ? 'No judgement yet: the controller judges at its ticks.'
        : 'No trigger judges this route.');
    }
    return table('judgements-table', [['Trigger'], ['Name'], ['Verdict'], ['n', 'num'], ['Statistic', 'num'],
      ['Bound', 'num'], ['Threshold', 'num'], ['Explanation']], js.map(function (j) {
      return h('tr', { data: { trigger: j.trigger, name: j.name, verdict: j.verdict } }, [
        td('trigger', j.trigger),
        td('judgement-name', j.name === j.trigger ? h('span', { class: 'muted' }, j.name) : j.name),
        td('verdict', badge(j.verdict, VERDICT_TONE[j.verdict])),
        td('num n', count(j.n)),
        td('num statistic', judged(j.trigger, j.statistic)),
        td('num bound', judged(j.trigger, j.bound)),
        td('num threshold', judged(j.trigger, j.threshold)),
        td('explanation', j.explanation)
      ]);
    }));
  }

  // ---------------------------------------------------------------------------------------------------- charts

  function updateCharts(card, route, ctx) {
    const columns = (ctx.seriesOf ? ctx.seriesOf(route) : route.series) || {};
    if (!card.chartsBuilt) {
      card.chartsBuilt = true;
      if (typeof uPlot !== 'function') {
        setChildren(card.parts.charts, empty('Charts unavailable: uPlot did not load.'));
        return;
      }
      const grid = h('div', { class: 'charts' });
      setChildren(card.parts.charts, grid);
      card.charts = CHARTS.map(function (def) { return createChart(grid, def); });
    }
    const t = columns.t || [];
    const seriesSig = t.length + ':' + t[0] + ':' + t[t.length - 1];
    card.charts.forEach(function (chart) {
      if (card.seriesSig !== seriesSig) {
        chart.setData(columns);
      }
      chart.setCursor(ctx.cursor);
    });
    card.seriesSig = seriesSig;
  }

  function createChart(parent, def) {
    const plot = h('div', { class: 'plot' });
    const figure = h('figure', { class: 'chart', data: { chart: def.key, points: 0 } }, [
      h('figcaption', null, [def.title, h('span', { class: 'unit' }, ' ' + def.unit)]),
      plot
    ]);
    append(parent, figure);
    let cursor = null;
    // Not hovering, the legend shows each series' latest value; hovering, the value under the cursor.
    const series = [{
      label: 'at',
      value: function (u, v, sidx, idx) { return idx == null ? 'latest' : v == null ? '—' : utcClock(v * 1000); }
    }];
    def.series.forEach(function (s) {
      series.push({
        label: s[0], stroke: s[2], width: 1.5, spanGaps: false,
        points: { show: false },
        value: function (u, v, sidx, idx) { return def.format(idx == null ? latest(u.data[sidx]) : v); }
      });
    });
    const axes = [
      axis({ space: 60, incrs: TIME_INCREMENTS, values: function (u, splits) { return splits.map(timeTick); } }),
      axis({ size: 56, values: function (u, splits) { return splits.map(function (v) { return def.format(v); }); } })
    ];
    const scales = { x: { time: true }, y: { range: yRange } };
    if (def.share) {
      series.push({
        label: 'modern share', stroke: COLOURS.share, width: 1, dash: [4, 3], scale: 'share', spanGaps: true,
        fill: 'rgba(13, 148, 136, 0.06)', points: { show: false },
        paths: uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined,
        value: function (u, v, sidx, idx) { return share(idx == null ? latest(u.data[sidx]) : v); }
      });
      scales.share = { range: [0, 100] };
      axes.push(axis({
        scale: 'share', side: 1, size: 44, stroke: COLOURS.share, grid: { show: false },
        values: function (u, splits) { return splits.map(function (v) { return v + '%'; }); }
      }));
    }
    const opts = {
      width: width(plot),
      height: CHART_HEIGHT,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      cursor: { drag: { x: false, y: false, setScale: false } },
      legend: { live: true },
      scales: scales,
      axes: axes,
      series: series,
      hooks: {
        draw: [function (u) {
          if (cursor == null) {
            return;
          }
          const x = Math.round(u.valToPos(cursor, 'x', true));
          if (!isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
            return;
          }
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = COLOURS.cursor;
          ctx.lineWidth = Math.max(1, window.devicePixelRatio || 1);
          ctx.setLineDash([5, 4]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        }]
      }
    };
    const u = new uPlot(opts, emptyData(series.length), plot);
    const chart = {
      uplot: u,
      setData: function (columns) {
        const t = columns.t || [];
        const data = [t];
        def.series.forEach(function (s) { data.push(columns[s[1]] || t.map(function () { return null; })); });
        if (def.share) {
          data.push(columns.percentage || t.map(function () { return null; }));
        }
        u.setData(data);
        if (u.cursor.idx == null) {
          u.setLegend({ idx: null });
        }
        figure.setAttribute('data-points', String(t.length));
      },
      setCursor: function (t) {
        const next = t == null ? null : t;
        if (next === cursor) {
          return;
        }
        cursor = next;
        if (cursor == null) {
          figure.removeAttribute('data-cursor');
        } else {
          figure.setAttribute('data-cursor', String(cursor));
        }
        u.redraw(false);
      },
      resize: function () {
        const w = width(plot);
        if (w > 0 && Math.abs(w - u.width) >= 1) {
          u.setSize({ width: w, height: CHART_HEIGHT });
        }
      },
      destroy: function () {
        if (page.resizeObserver) {
          page.resizeObserver.unobserve(plot);
        }
        u.destroy();
      }
    };
    plot.strangler = chart;
    if (page.resizeObserver) {
      page.resizeObserver.observe(plot);
    }
    return chart;
  }

  function axis(extra) {
    const a = {
      stroke: COLOURS.axis,
      font: '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      grid: { stroke: COLOURS.grid, width: 1 },
      ticks: { stroke: COLOURS.grid, width: 1, size: 4 }
    };
    Object.keys(extra).forEach(function (k) { a[k] = extra[k]; });
    return a;
  }

  /** The newest point's value: null when the newest interval had nothing to measure, never an older value. */
  function latest(values) {
    return values && values.length ? values[values.length - 1] : null;
  }

  /** An x-axis tick, in UTC: 09:05, or 09:05:30 between minutes. */
  function timeTick(v) {
    if (v == null) {
      return '';
    }
    const ms = Math.round(v * 1000);
    const d = new Date(ms);
    return d.getUTCSeconds() === 0 ? pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) : utcClock(ms);
  }

  function yRange(u, min, max) {
    if (max == null || !isFinite(max) || max <= 0) {
      return [0, 1];
    }
    return [0, max * 1.15];
  }

  function emptyData(n) {
    const data = [];
    for (let i = 0; i < n; i++) {
      data.push([]);
    }
    return data;
  }

  function width(el) {
    const w = Math.floor(el.clientWidth);
    return w > 0 ? w : 320;
  }

  // ------------------------------------------------------------------------------------------------- rollbacks

  function rollbacksBlock(route, ctx) {
    const events = (route.rollbacks || []).slice().reverse();
    if (!events.length) {
      return empty('No rollback of this route.');
    }
    return table('rollbacks-table', [['Status'], ['Initiated'], ['Finished'], ['Trigger'], ['Action'],
      ['Routes'], ['Actor'], ['Reason'], ['Outcome']], events.map(function (e) {
      const numbers = e.trigger ? h('span', { class: 'numbers' }, 'n ' + count(e.n) + ' · statistic ' +
        judged(e.trigger, e.statistic) + ' · bound ' + judged(e.trigger, e.bound) + ' · threshold ' +
        judged(e.trigger, e.threshold)) : null;
      const initiated = parseTime(e.initiatedAt);
      const finished = parseTime(e.finishedAt);
      return h('tr', { data: { rollback: e.id, status: e.status } }, [
        td('status', badge(e.status, ROLLBACK_TONE[e.status])),
        td('initiated', time(e.initiatedAt, ctx.nowMs)),
        td('finished', e.finishedAt ? [time(e.finishedAt, ctx.nowMs),
          initiated != null && finished != null ? h('span', { class: 'muted' },
            ' after ' + duration((finished - initiated) / 1000)) : null] : h('span', { class: 'muted' }, 'open')),
        td('trigger', e.trigger || h('span', { class: 'muted' }, 'a person')),
        td('rollback-action', [e.action, h('span', { class: 'muted' }, ' · ' + e.scope)]),
        td('routes', (e.routes || []).join(', ')),
        td('actor', e.actor),
        td('reason', [h('span', null, e.reason), numbers]),
        td('outcome', e.outcome == null ? h('span', { class: 'muted' }, '—') : e.outcome)
      ]);
    }));
  }

  // ----------------------------------------------------------------------------------------------- checkpoints

  function checkpointsBlock(route, ctx) {
    if (route.checkpoints === undefined) {
      return empty(LIGHT_FRAME);
    }
    const cps = (route.checkpoints || []).slice().reverse();
    if (!cps.length) {
      return empty(ctx.controller ? 'No checkpoint yet: the controller takes one before every transition.'
        : 'No rollout controller runs here, and so no checkpoint is taken.');
    }
    const canRestore = ctx.writes && ctx.controller && ctx.leads;
    const headings = [['Taken'], ['Id'], ['By'], ['Transition that followed'], ['This route in it']];
    if (ctx.writes) {
      headings.push(['', 'actions']);
    }
    return table('checkpoints-table', headings, cps.map(function (cp) {
      const cells = [
        td('taken', time(cp.takenAt, ctx.nowMs)),
        td('checkpoint-id', h('code', null, cp.id)),
        td('actor', cp.actor),
        td('transition', cp.transition),
        td('checkpoint-state', cp.stage == null ? h('span', { class: 'muted' }, 'not in it')
          : [stageBadge(cp.stage), ' ' + share(cp.percentage)])
      ];
      if (ctx.writes) {
        const why = !ctx.controller ? 'No rollout controller runs here.'
          : !ctx.leads ? 'This instance\'s controller stands by.'
            : cp.stage == null ? 'The checkpoint holds no state of this route.' : null;
        cells.push(td('actions', h('button', {
          type: 'button', class: 'button small', data: { action: 'restore', checkpoint: cp.id },
          disabled: !canRestore || why ? true : null,
          title: why || 'Put the route back as this checkpoint saved it'
        }, 'Restore')));
      }
      return h('tr', { data: { checkpoint: cp.id } }, cells);
    }));
  }

  // -------------------------------------------------------------------------------------------- reconciliation

  function reconciliationBlock(route, ctx) {
    const rec = route.reconciliation || { pending: 0, lost: 0, oldest: [] };
    const out = [definitions([
      ['Pending', h('span', { class: 'pending' + (rec.pending ? ' tone-warn' : '') },
        count(rec.pending) + (rec.morePending ? '+' : ''))],
      ['Lost', h('span', { class: 'lost' + (rec.lost ? ' tone-bad' : '') }, count(rec.lost))],
      ['Oldest', rec.oldestAt ? [time(rec.oldestAt, ctx.nowMs), ago(rec.oldestAt, ctx.nowMs)] : '—']
    ])];
    if (rec.lost) {
      out.push(h('p', { class: 'tone-bad' }, 'Second writes were lost from a full log: modern needs a backfill ' +
        'from legacy for those keys.'));
    }
    if (rec.oldest && rec.oldest.length) {
      out.push(table('reconciliation-table', [['Time'], ['Key'], ['Operation'], ['Missed by'], ['Error'],
        ['Attempts', 'num']], rec.oldest.map(function (e) {
        return h('tr', { data: { entry: e.id } }, [
          td('time', time(e.time, ctx.nowMs)),
          td('key', e.key == null ? '—' : h('code', null, e.key)),
          td('operation', e.operation),
          td('side', e.failedSide),
          td('error', [h('code', null, e.errorType), e.errorMessage ? ': ' + e.errorMessage : '']),
          td('num attempts', count(e.attempts))
        ]);
      })));
    } else {
      out.push(empty('No second write waits to be replayed.'));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------ mismatches

  function mismatchesBlock(route, ctx) {
    if (route.mismatches === undefined) {
      return empty(LIGHT_FRAME);
    }
    const ms = (route.mismatches || []).slice().reverse();
    if (!ms.length) {
      return empty('No mismatch recorded.');
    }
    return h('ol', { class: 'mismatch-list' }, ms.map(function (m) {
      const diffs = m.differences || [];
      return h('li', { class: 'mismatch', data: { key: m.key } }, [
        h('p', { class: 'mismatch-head' }, [
          time(m.time, ctx.nowMs), ' ',
          h('code', { class: 'mismatch-key' }, m.key == null ? '(no key)' : m.key), ' ',
          h('span', { class: 'muted' }, m.operation + ' · served by ' + String(m.served).toLowerCase() +
            (m.noise ? ' · ' + m.noise + ' noisy path' + (m.noise === 1 ? '' : 's') + ' left out' : ''))
        ]),
        diffs.length ? table('differences-table', [['Path'], ['Kind'], ['Legacy'], ['Modern']],
          diffs.map(function (d) {
            return h('tr', null, [
              td('path', h('code', null, d.path)),
              td('kind', d.kind),
              td('legacy-value', d.legacy == null ? h('span', { class: 'muted' }, '—') : h('code', null, d.legacy)),
              td('modern-value', d.modern == null ? h('span', { class: 'muted' }, '—') : h('code', null, d.modern))
            ]);
          })) : empty('The differences were all noise.')
      ]);
    }));
  }

  // ----------------------------------------------------------------------------------------------------- audit

  function renderAudit(entries, ctx) {
    const sig = JSON.stringify([entries, ctx.nowMs != null && utcDate(ctx.nowMs)]);
    if (sig === page.auditSig) {
      return;
    }
    page.auditSig = sig;
    if (!entries.length) {
      setChildren(page.audit, empty('No command yet.'));
      return;
    }
    setChildren(page.audit, table('audit-table', [['Time'], ['Actor'], ['Action'], ['Route'], ['Reason'],
      ['Result'], ['Outcome']], entries.slice().reverse().map(function (e) {
      return h('tr', { class: 'audit-row', data: { 'audit-action': e.action, made: String(e.made) } }, [
        td('time', time(e.time, ctx.nowMs)),
        td('actor', e.actor),
        td('action', e.action),
        td('route', e.route),
        td('reason', e.reason == null ? h('span', { class: 'muted' }, '—') : e.reason),
        td('result', badge(e.made ? e.status + ' made' : e.status + ' refused', e.made ? 'ok' : 'bad')),
        td('outcome', e.outcome)
      ]);
    })));
  }

  // ------------------------------------------------------------------------------------- banner, toast, status

  function showBanner(kind, text) {
    page.banner.dataset.kind = kind;
    page.banner.className = 'banner ' + (kind === 'connection' ? 'warn' : 'bad');
    page.banner.textContent = text;
    page.banner.hidden = false;
  }

  function hideBanner() {
    page.banner.hidden = true;
    page.banner.textContent = '';
    delete page.banner.dataset.kind;
  }

  /** A model the page cannot show: the message instead of the content. */
  function fatal(text) {
    showBanner('fatal', text);
    page.app.hidden = true;
  }

  let toastTimer = null;

  function toast(text, tone) {
    page.toast.className = 'toast ' + (tone || 'ok');
    page.toast.textContent = text;
    page.toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { page.toast.hidden = true; }, TOAST_MS);
  }

  function setStatus(children, tone) {
    page.status.className = 'status ' + (tone || '');
    setChildren(page.status, children);
  }

  // ------------------------------------------------------------------------------------------------- live mode

  let pollTimer = null;
  let polling = false;
  let pollAgain = false;
  let lastUpdate = null;

  function startLive() {
    document.getElementById('mode').textContent = 'live';
    setStatus('connecting…');
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        poll();
      }
    });
    poll();
  }

  function schedule() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, document.hidden ? REFRESH_HIDDEN_MS : REFRESH_MS);
  }

  async function poll() {
    if (polling) {
      pollAgain = true;
      return;
    }
    clearTimeout(pollTimer);
    polling = true;
    try {
      let model;
      try {
        const response = await fetch(MODEL_URL, {
          cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' }
        });
        if (!response.ok) {
          throw new Error('the server answered ' + response.status + ' ' + response.statusText);
        }
        model = await response.json();
      } catch (e) {
        connectionLost(e);
        return;
      }
      lastUpdate = new Date();
      if (page.banner.dataset.kind === 'connection') {
        hideBanner();
      }
      document.body.classList.remove('stale');
      setStatus(['updated ', h('span', { id: 'updated-at' }, lastUpdate.toLocaleTimeString('en-GB'))], 'ok');
      render(model, {});
    } finally {
      polling = false;
      if (pollAgain) {
        pollAgain = false;
        poll();
      } else {
        schedule();
      }
    }
  }

  function connectionLost(e) {
    document.body.classList.add('stale');
    setStatus('connection lost', 'bad');
    showBanner('connection', 'Connection lost: ' + (e && e.message ? e.message : e) + '. ' +
      (lastUpdate ? 'What is shown is from ' + lastUpdate.toLocaleTimeString('en-GB') + '; ' : '') +
      'retrying every second.');
  }

  // ---------------------------------------------------------------------------------------------------- report

  // The report's timeline, as written: plain JSON, or gzip-compressed JSON in Base64 (data-encoding)
  async function timelineText(source) {
    const encoding = source.getAttribute('data-encoding');
    if (!encoding) {
      return source.textContent;
    }
    if (encoding !== 'gzip+base64') {
      throw new Error('unknown encoding ' + encoding);
    }
    if (typeof DecompressionStream !== 'function') {
      throw new Error('this browser has no DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 or newer do)');
    }
    const binary = atob(source.textContent.trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }

  async function startReport() {
    document.getElementById('mode').textContent = 'report';
    const source = document.getElementById('strangler-timeline');
    if (!source) {
      fatal('This report holds no timeline.');
      return;
    }
    let timeline;
    try {
      timeline = JSON.parse(await timelineText(source));
    } catch (e) {
      fatal('This report\'s timeline cannot be read: ' + e.message);
      return;
    }
    if (!timeline || timeline.version !== MODEL_VERSION) {
      fatal('This page reads version ' + MODEL_VERSION + ' of the console\'s model, and the report holds version ' +
        String(timeline && timeline.version) + '. Open it with the console of the Strangler version that wrote it.');
      return;
    }
    const frames = timeline.frames || [];
    const series = timeline.series || {};
    if (!frames.length) {
      fatal('This report holds no frame: nothing was recorded.');
      return;
    }
    const bar = document.getElementById('timeline');
    const slider = document.getElementById('frame-slider');
    const label = document.getElementById('frame-label');
    slider.max = String(frames.length - 1);
    slider.value = String(frames.length - 1);
    slider.disabled = frames.length < 2;
    bar.hidden = false;
    const show = function () {
      const index = Math.max(0, Math.min(frames.length - 1, Number(slider.value) || 0));
      const frame = frames[index];
      const t = parseTime(frame.generatedAt);
      label.textContent = 'frame ' + (index + 1) + ' of ' + frames.length + ' · ' + dateTime(frame.generatedAt);
      slider.setAttribute('aria-valuetext', label.textContent);
      setStatus('recorded ' + dateTime(frames[0].generatedAt) + ' to ' +
        dateTime(frames[frames.length - 1].generatedAt));
      render(frame, {
        cursor: t == null ? null : t / 1000,
        seriesOf: function (route) { return series[route.name]; }
      });
    };
    slider.addEventListener('input', show);
    show();
  }

  // -------------------------------------------------------------------------------------------------- commands

  const dialog = document.getElementById('command-dialog');
  const form = document.getElementById('command-form');
  let pending = null;

  function storage(kind) {
    try {
      return kind === 'local' ? window.localStorage : window.sessionStorage;
    } catch (e) {
      return null;
    }
  }

  function stored(kind, key) {
    const s = storage(kind);
    try {
      return s ? s.getItem(key) : null;
    } catch (e) {
      return null;
    }
  }

  function store(kind, key, value) {
    const s = storage(kind);
    try {
      if (s && value == null) {
        s.removeItem(key);
      } else if (s) {
        s.setItem(key, value);
      }
    } catch (e) {
      // private mode: the value is asked for again next time
    }
  }

  /** Whether this server takes a bearer token (the plain-Java console) rather than a CSRF token (Spring). */
  function usesToken() {
    return !(csrfHeader && csrfToken);
  }

  function openCommand(route, action, checkpoint) {
    const a = ACTIONS[action];
    if (!a || typeof dialog.showModal !== 'function') {
      toast('This browser cannot open the command dialog.', 'bad');
      return;
    }
    pending = { route: route, action: action, checkpoint: checkpoint || null };
    document.getElementById('command-title').textContent = a.title + ' ' + route;
    const model = page.model && (page.model.routes || []).filter(function (r) { return r.name === route; })[0];
    let help = a.help;
    const r = model && model.rollout;
    if ((action === 'approve' || action === 'promote') && r && r.nextPercentage != null) {
      help += ' Next step: ' + share(r.nextPercentage) + ' of keys.';
    }
    document.getElementById('command-help').textContent = help;
    const cpLine = document.getElementById('command-checkpoint');
    cpLine.hidden = !checkpoint;
    cpLine.querySelector('code').textContent = checkpoint || '';
    form.elements.reason.value = '';
    form.elements.actor.value = signedIn || stored('local', ACTOR_KEY) || '';
    document.getElementById('actor-field').hidden = !!signedIn;
    form.elements.actor.required = !signedIn;
    const signedInLine = document.getElementById('signed-in');
    signedInLine.hidden = !signedIn;
    signedInLine.querySelector('strong').textContent = signedIn || '';
    form.elements.token.value = '';
    showTokenField(usesToken() && !stored('session', TOKEN_KEY));
    dialogError(null);
    const submit = form.querySelector('button[type=submit]');
    submit.textContent = a.submit;
    submit.disabled = false;
    submit.className = 'button ' + (action === 'rollback' ? 'danger' : 'primary');
    dialog.showModal();
    form.elements.reason.focus();
  }

  function showTokenField(show) {
    const field = document.getElementById('token-field');
    field.hidden = !show;
    form.elements.token.required = show;
  }

  function dialogError(text) {
    const el = document.getElementById('command-error');
    el.hidden = !text;
    el.textContent = text || '';
  }

  async function submitCommand() {
    if (!pending) {
      return;
    }
    const reason = form.elements.reason.value.trim();
    const actor = form.elements.actor.value.trim();
    const tokenInput = form.elements.token.value.trim();
    if (!reason) {
      dialogError('Give a reason: it is recorded with the change.');
      form.elements.reason.focus();
      return;
    }
    if (!actor) {
      dialogError('Give your name: it is recorded as the actor of the change.');
      form.elements.actor.focus();
      return;
    }
    const token = usesToken() ? (tokenInput || stored('session', TOKEN_KEY)) : null;
    if (usesToken() && !token) {
      showTokenField(true);
      dialogError('Give the console\'s write token.');
      form.elements.token.focus();
      return;
    }
    if (!signedIn) {
      store('local', ACTOR_KEY, actor);
    }
    const command = pending;
    const body = { actor: actor, reason: reason };
    if (command.checkpoint) {
      body.checkpoint = command.checkpoint;
    }
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    if (!usesToken()) {
      headers[csrfHeader] = csrfToken;
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    dialogError(null);
    const what = command.action + ' on ' + command.route;
    let response;
    let answer = null;
    try {
      response = await fetch(COMMANDS_URL + encodeURIComponent(command.route) + '/' +
        encodeURIComponent(command.action), {
        method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store'
      });
      try {
        answer = await response.json();
      } catch (e) {
        answer = null;
      }
    } catch (e) {
      submit.disabled = false;
      dialogError('Not sent: ' + (e && e.message ? e.message : e) + '.');
      toast(what + ' not sent: the console cannot be reached.', 'bad');
      return;
    }
    submit.disabled = false;
    const message = answer && (answer.message || answer.outcome);
    if (response.ok) {
      if (token && tokenInput) {
        store('session', TOKEN_KEY, token);
      }
      pending = null;
      dialog.close();
      toast(what + ': ' + (answer && answer.outcome ? answer.outcome : 'done'), 'ok');
      poll();
      return;
    }
    const refused = what + ' refused (' + response.status + '): ' + (message || response.statusText);
    if (response.status === 401 && usesToken()) {
      store('session', TOKEN_KEY, null);
      form.elements.token.value = '';
      showTokenField(true);
      dialogError('The server refused the write token (401). Give the console\'s write token again.');
      form.elements.token.focus();
    } else {
      dialogError(refused);
    }
    toast(refused, 'bad');
    if (mode === 'live') {
      poll();
    }
  }

  function wireCommands() {
    page.app.addEventListener('click', function (event) {
      const button = event.target.closest('button[data-action]');
      if (!button || button.disabled || !page.app.contains(button)) {
        return;
      }
      const card = button.closest('[data-route]');
      if (!card) {
        return;
      }
      openCommand(card.getAttribute('data-route'), button.getAttribute('data-action'),
        button.getAttribute('data-checkpoint'));
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitCommand();
    });
    form.querySelector('button[value=cancel]').addEventListener('click', function () {
      pending = null;
      dialog.close();
    });
    dialog.addEventListener('close', function () {
      pending = null;
    });
  }

  // ------------------------------------------------------------------------------------------------------ boot

  function boot() {
    document.body.classList.add('mode-' + mode);
    if (mode === 'report') {
      startReport().catch(function (e) {
        showBanner('render', 'The report failed to open: ' + (e && e.message ? e.message : e));
        console.error('strangler console: report failed', e);
      });
    } else {
      wireCommands();
      startLive();
    }
  }

  try {
    boot();
  } catch (e) {
    showBanner('render', 'The console failed to start: ' + (e && e.message ? e.message : e));
    console.error('strangler console: start failed', e);
  }
}());
