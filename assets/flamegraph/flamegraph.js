// perfsuite flamegraph interaction: details on hover, click to zoom, search, URL state.
// Inlined into every SVG by src/render/flamegraph/document.ts. It reads the frame data that
// src/render/flamegraph/frames-markup.ts writes into the #fg-data element: per graph a function
// table and, per drawn frame in document order, [function, parent frame, start, value].
// Plain ES2017 with no dependencies: it runs in any browser that opens the file directly. Opened as
// an image, the SVG is drawn from its markup alone and this script never runs.
(() => {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.documentElement;
  const dataElement = document.getElementById('fg-data');
  if (!dataElement) return;
  const data = JSON.parse(dataElement.textContent);
  const details = document.getElementById('details');
  const matched = document.getElementById('matched');
  const resetControl = document.getElementById('reset');
  const searchControl = document.getElementById('search');
  const hint = details.textContent;
  const charWidth = data.fontSize * data.charWidthRatio;
  const state = { zoom: null, search: '' };

  // Per graph: its frame elements in data order and each frame's subtree size, so that the
  // descendants of frame i are exactly the frames i+1 .. i+size[i]-1 (the data is in pre-order).
  const graphs = data.graphs.map((graph, graphIndex) => {
    const container = document.getElementById(`frames-${graphIndex}`);
    const elements = Array.prototype.slice.call(container.children);
    const count = graph.frames.length / 4;
    const size = new Int32Array(count);
    for (let i = count - 1; i >= 0; i--) {
      size[i] += 1;
      const parent = graph.frames[i * 4 + 1];
      if (parent >= 0) size[parent] += size[i];
    }
    elements.forEach((element, i) => {
      element.__fgFrame = { graph: graphIndex, index: i };
    });
    return { graph, elements, count, size, zoomed: 0 };
  });

  function fitLabel(name, width) {
    const maxChars = Math.floor((width - 6) / charWidth);
    if (maxChars < 3) return '';
    return name.length <= maxChars ? name : `${name.slice(0, maxChars - 2)}..`;
  }

  function round(n) {
    return Math.round(n * 100) / 100;
  }

  // Redraws one graph zoomed into frame `target` (0 = the root, i.e. no zoom): the target spans the
  // full width, its callees scale with it, its callers stay visible at full width, the rest hides.
  function zoom(graphIndex, target) {
    const g = graphs[graphIndex];
    if (!g || target < 0 || target >= g.count) return;
    const frames = g.graph.frames;
    const zoomStart = frames[target * 4 + 2];
    const scale = data.width / frames[target * 4 + 3];
    const ancestor = new Uint8Array(g.count);
    for (let p = frames[target * 4 + 1]; p >= 0; p = frames[p * 4 + 1]) ancestor[p] = 1;
    const end = target + g.size[target];
    for (let i = 0; i < g.count; i++) {
      const element = g.elements[i];
      const inside = i >= target && i < end;
      if (!inside && !ancestor[i]) {
        element.classList.add('hidden');
        continue;
      }
      element.classList.remove('hidden');
      element.classList.toggle('ancestor', ancestor[i] === 1);
      const x = inside ? data.padX + (frames[i * 4 + 2] - zoomStart) * scale : data.padX;
      const width = inside ? frames[i * 4 + 3] * scale : data.width;
      const rect = element.children[1];
      rect.setAttribute('x', round(x));
      rect.setAttribute('width', round(width));
      const label = fitLabel(g.graph.functions[frames[i * 4]][0], width);
      let text = element.children[2];
      if (!text && label !== '') {
        text = document.createElementNS(NS, 'text');
        text.setAttribute('y', Number(rect.getAttribute('y')) + data.frameHeight - 4);
        element.appendChild(text);
      }
      if (text) {
        text.setAttribute('x', round(x + 3));
        text.textContent = label;
      }
    }
    g.zoomed = target;
    state.zoom = target === 0 ? null : { graph: graphIndex, index: target };
    resetControl.classList.toggle('off', state.zoom === null);
  }

  function resetZoom() {
    graphs.forEach((g, graphIndex) => {
      if (g.zoomed !== 0) zoom(graphIndex, 0);
    });
  }

  // "/re/flags" is a regular expression; anything else a plain substring of the name or location.
  function matcher(term) {
    const regex = /^\/(.+)\/([dgimsuy]*)$/.exec(term);
    if (regex) {
      const re = new RegExp(regex[1], regex[2].replace('g', '').replace('y', ''));
      return (text) => re.test(text);
    }
    return (text) => text.indexOf(term) !== -1;
  }

  // Highlights matching frames in every graph; shows the matched share of the first graph's total,
  // counting a match inside another match once.
  function search(term) {
    let test;
    try {
      test = term ? matcher(term) : null;
    } catch (error) {
      matched.textContent = `Invalid regular expression: ${error.message}`;
      return;
    }
    let share = 0;
    graphs.forEach((g, graphIndex) => {
      const frames = g.graph.frames;
      const functionMatches = g.graph.functions.map((fn) => (test ? test(fn[0]) || test(fn[1]) : false));
      let sum = 0;
      let coveredUntil = 0;
      for (let i = 0; i < g.count; i++) {
        const isMatch = i > 0 && functionMatches[frames[i * 4]];
        g.elements[i].classList.toggle('match', isMatch);
        if (isMatch && i >= coveredUntil) {
          sum += frames[i * 4 + 3];
          coveredUntil = i + g.size[i];
        }
      }
      if (graphIndex === 0 && g.count > 0) share = sum / frames[3];
    });
    state.search = term || '';
    matched.textContent = state.search ? `Matched: ${(share * 100).toFixed(2)}% of ${data.matchedOf}` : '';
    searchControl.textContent = state.search ? 'Clear search' : 'Search';
  }

  function askSearch() {
    const term = window.prompt('Search frames (substring, or /regex/flags):', state.search);
    if (term === null) return;
    search(term);
    writeUrl();
  }

  function writeUrl() {
    const parts = [];
    if (state.zoom) parts.push(`zoom=${state.zoom.graph}.${state.zoom.index}`);
    if (state.search) parts.push(`search=${encodeURIComponent(state.search)}`);
    const hash = parts.length > 0 ? `#${parts.join('&')}` : '';
    try {
      history.replaceState(null, '', hash || location.pathname + location.search);
    } catch {
      location.replace(hash || '#');
    }
  }

  function readUrl() {
    const params = {};
    for (const part of location.hash.slice(1).split('&')) {
      const equals = part.indexOf('=');
      if (equals > 0) params[part.slice(0, equals)] = decodeURIComponent(part.slice(equals + 1));
    }
    resetZoom();
    const target = /^(\d+)\.(\d+)$/.exec(params.zoom || '');
    if (target) zoom(Number(target[1]), Number(target[2]));
    if (params.search || state.search) search(params.search || '');
  }

  function frameOf(event) {
    const element = event.target.closest ? event.target.closest('g.f') : null;
    return element ? element.__fgFrame : undefined;
  }

  for (const [graphIndex] of graphs.entries()) {
    const container = document.getElementById(`frames-${graphIndex}`);
    container.addEventListener('click', (event) => {
      const frame = frameOf(event);
      if (!frame) return;
      zoom(frame.graph, frame.index);
      writeUrl();
    });
    container.addEventListener('mouseover', (event) => {
      const frame = frameOf(event);
      if (frame) details.textContent = graphs[frame.graph].elements[frame.index].firstChild.textContent;
    });
    container.addEventListener('mouseout', () => {
      details.textContent = hint;
    });
  }
  resetControl.addEventListener('click', () => {
    resetZoom();
    writeUrl();
  });
  searchControl.addEventListener('click', () => {
    if (state.search) {
      search('');
      writeUrl();
    } else {
      askSearch();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (((event.ctrlKey || event.metaKey) && event.key === 'f') || (event.key === '/' && !event.ctrlKey)) {
      event.preventDefault();
      askSearch();
    } else if (event.key === 'Escape') {
      resetZoom();
      search('');
      writeUrl();
    }
  });
  window.addEventListener('hashchange', readUrl);

  svg.classList.add('js');
  readUrl();
  // Marks for tests and the benchmark: the script has finished setting up, and when.
  window.flamegraph = { zoom, resetZoom, search, readyAt: performance.now() };
  svg.setAttribute('data-ready', 'true');
})();
