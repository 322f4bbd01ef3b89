// The page at /: plain JavaScript over the service's own REST API (same origin, relative URLs).
// Every failed request is shown in its section, in the service's words.

const SIDE = 28;
const TRAVERSAL_STEPS = 7;
const TRAVERSAL_RANGE = 3;

const $ = (id) => document.getElementById(id);

/** A request the service refused or could not answer, with the message to show. */
class ApiError extends Error {}

/** Calls the API and returns its JSON; throws ApiError with the service's {"error": ...} message. */
async function api(path, body) {
  const init = body === undefined
    ? { headers: { Accept: 'application/json' } }
    : { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(`the service did not answer (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null; // not JSON: the raw text is reported below
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : (text.trim().slice(0, 300) || response.statusText);
    throw new ApiError(`${message} (HTTP ${response.status})`);
  }
  if (json === null) {
    throw new ApiError(`the service answered HTTP ${response.status} without a JSON body`);
  }
  return json;
}

/**
 * Runs one action of a section: marks it busy, clears its error, and shows any failure in it.
 * Returns whether the action succeeded.
 */
async function run(section, errorBox, what, action) {
  // Actions of a section may overlap: it is busy until the last one ends.
  section.dataset.pending = String(Number(section.dataset.pending || 0) + 1);
  section.setAttribute('aria-busy', 'true');
  try {
    await action();
    errorBox.hidden = true;
    errorBox.textContent = '';
    return true;
  } catch (e) {
    errorBox.textContent = `${what} failed: ${e instanceof ApiError ? e.message : String(e)}`;
    errorBox.hidden = false;
    return false;
  } finally {
    section.dataset.pending = String(Number(section.dataset.pending) - 1);
    section.setAttribute('aria-busy', String(section.dataset.pending !== '0'));
  }
}

/** Paints 784 intensities in [0, 1] on a 28 x 28 canvas, white on black like the service's PNGs. */
function paint(canvas, pixels) {
  const context = canvas.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const grey = Math.round(255 * Math.min(1, Math.max(0, pixels[i])));
    image.data[4 * i] = grey;
    image.data[4 * i + 1] = grey;
    image.data[4 * i + 2] = grey;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

function newCanvas() {
  const canvas = document.createElement('canvas');
  canvas.width = SIDE;
  canvas.height = SIDE;
  return canvas;
}

function describeLabel(label) {
  return `nearest valid shape: ${label.shape} of size ${label.size} at x ${label.x}, y ${label.y}; `
    + `distance ${label.distance.toFixed(2)}, ${label.withinThreshold ? 'within' : 'beyond'} the coverage threshold`;
}

function duration(seconds) {
  if (seconds < 10) {
    return `${seconds.toFixed(1)} s`;
  }
  if (seconds < 120) {
    return `${Math.round(seconds)} s`;
  }
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function integer(input, name) {
  const value = Number(input.value);
  if (input.value.trim() === '' || !Number.isInteger(value)) {
    throw new ApiError(`${name} must be a whole number, got '${input.value}'`);
  }
  return value;
}

// ---- state ----------------------------------------------------------------------------------

const state = {
  models: [],
  model: null,     // the summary of the chosen model
  version: null,   // the chosen version
  layout: null,    // the dataset's shapes, sizes and ranges
  entry: null,     // the encoded dataset entry
  encoded: null,   // its z
  z: null,         // the z being edited
  dimChosen: false, // whether the dimension to walk was chosen (by the person, or once per model)
};

function modelQuery() {
  return `version=${encodeURIComponent(state.version)}`;
}

function modelPath(suffix) {
  return `api/models/${encodeURIComponent(state.model.name)}/${suffix}?${modelQuery()}`;
}

// ---- models ---------------------------------------------------------------------------------

function showModel() {
  const m = state.model;
  const t = m.training;
  const training = t ? ` · trained ${t.epochs} epoch${t.epochs === 1 ? '' : 's'} on ${t.device} in ${duration(t.seconds)}` : '';
  $('model-info').textContent = `${m.name} version ${state.version}: ${m.kind.toUpperCase()}, `
    + `${m.latentDim} latent dimensions${training}`;
  $('manifest-link').href = `api/models/${encodeURIComponent(m.name)}/manifest?${modelQuery()}`;

  const samplers = Array.isArray(m.samplers) ? m.samplers : [];
  $('sampler-field').hidden = samplers.length < 2;
  $('sampler').replaceChildren(...samplers.map((s) => new Option(s, s)));

  const dim = $('dim');
  const previous = Number(dim.value) || 0;
  dim.replaceChildren(...Array.from({ length: m.latentDim }, (_, i) => new Option(`z${i}`, String(i))));
  dim.value = String(Math.min(previous, m.latentDim - 1));
}

function chooseModel(name) {
  state.model = state.models.find((m) => m.name === name);
  const versions = state.model.versions;
  $('version').replaceChildren(...versions.slice().reverse()
    .map((v) => new Option(v === state.model.newest ? `${v} (newest)` : String(v), String(v))));
  state.version = state.model.newest;
  $('version').value = String(state.version);
  showModel();
}

async function loadModels() {
  const ok = await run(document.querySelector('.top'), $('model-error'), 'Loading the models', async () => {
    state.models = await api('api/models');
  });
  if (!ok) {
    $('model-info').textContent = 'No model to show.';
    return false;
  }
  if (state.models.length === 0) {
    $('model-info').textContent = 'The service serves no model yet: train one (bin/trainer fit), then reload or restart the service.';
    return false;
  }
  $('model').replaceChildren(...state.models.map((m) => new Option(m.name, m.name)));
  chooseModel(state.models[0].name);
  return true;
}

// ---- samples --------------------------------------------------------------------------------

function showSampleDetail(cell, text) {
  document.querySelectorAll('.cell.active').forEach((c) => c.classList.remove('active'));
  cell.classList.add('active');
  $('sample-detail').textContent = text;
}

async function drawSamples() {
  await run($('samples-section'), $('samples-error'), 'Drawing samples', async () => {
    const body = {
      count: integer($('count'), 'Count'),
      seed: integer($('seed'), 'Seed'),
      temperature: Number($('temperature').value),
      label: true,
    };
    if ($('temperature').value.trim() === '' || !Number.isFinite(body.temperature)) {
      throw new ApiError(`Temperature must be a number, got '${$('temperature').value}'`);
    }
    if (!$('sampler-field').hidden) {
      body.sampler = $('sampler').value;
    }
    const answer = await api(modelPath('sample'), body);
    const cells = answer.images.map((pixels, i) => {
      const label = answer.labels ? answer.labels[i] : null;
      const text = `Sample ${i + 1}: ${label ? describeLabel(label) : 'no label'}`;
      const cell = document.createElement('button');
      cell.type = 'button';
      cell.className = `cell ${label && label.withinThreshold ? 'valid' : 'invalid'}`;
      cell.setAttribute('aria-label', text);
      const canvas = newCanvas();
      canvas.setAttribute('aria-hidden', 'true');
      paint(canvas, pixels);
      cell.append(canvas);
      for (const event of ['mouseenter', 'focus', 'click']) {
        cell.addEventListener(event, () => showSampleDetail(cell, text));
      }
      const item = document.createElement('li');
      item.append(cell);
      return item;
    });
    $('samples').replaceChildren(...cells);
    $('sample-detail').textContent = 'Point at or tap a sample to see the nearest valid shape.';
  });
}

// ---- dataset entry and reconstruction --------------------------------------------------------

function rangesOf(shape, size) {
  return state.layout.shapes.find((s) => s.shape === shape).sizes.find((s) => s.size === size);
}

function clampInto(input, range) {
  input.min = String(range.min);
  input.max = String(range.max);
  const value = Number(input.value);
  if (input.value.trim() === '' || !Number.isInteger(value)) {
    input.value = String(Math.round((range.min + range.max) / 2));
  } else {
    input.value = String(Math.min(range.max, Math.max(range.min, value)));
  }
}

function showRanges() {
  const ranges = rangesOf($('shape').value, Number($('size').value));
  clampInto($('x'), ranges.x);
  clampInto($('y'), ranges.y);
  $('entry-ranges').textContent = `A ${$('shape').value} of size ${$('size').value} has x from ${ranges.x.min} to ${ranges.x.max} `
    + `and y from ${ranges.y.min} to ${ranges.y.max}.`;
}

async function loadLayout() {
  return run($('latent-section'), $('entry-error'), 'Loading the dataset', async () => {
    state.layout = await api('api/dataset');
    $('shape').replaceChildren(...state.layout.shapes.map((s) => new Option(s.shape, s.shape)));
    $('size').replaceChildren(...state.layout.shapes[0].sizes.map((s) => new Option(String(s.size), String(s.size))));
    $('shape').value = 'circle';
    $('size').value = '10';
    $('x').value = '14';
    $('y').value = '14';
    showRanges();
  });
}

async function encodeEntry() {
  const ok = await run($('latent-section'), $('entry-error'), 'Encoding the entry', async () => {
    const query = new URLSearchParams({
      shape: $('shape').value,
      size: $('size').value,
      x: String(integer($('x'), 'x')),
      y: String(integer($('y'), 'y')),
    });
    const entry = await api(`api/dataset/entry?${query}`);
    const encoded = await api(modelPath('encode'), { images: [entry.image] });
    const decoded = await api(modelPath('decode'), { z: encoded.z });
    state.entry = entry;
    state.encoded = encoded.z[0];
    state.z = encoded.z[0].slice();
    const name = `${entry.shape} of size ${entry.size} at x ${entry.x}, y ${entry.y}`;
    paint($('entry-image'), entry.image);
    $('entry-image').setAttribute('aria-label', `Dataset entry ${entry.index}: ${name}`);
    paint($('reconstruction'), decoded.images[0]);
    $('reconstruction').setAttribute('aria-label', `The reconstruction of the ${name}`);
    $('entry-detail').textContent = `Entry ${entry.index} of the dataset (${name}), `
      + `encoded to z, ${state.encoded.length} numbers, and decoded again.`;
    paint($('decoded'), decoded.images[0]);
  });
  if (ok) {
    if (!state.dimChosen) {
      // Until the person picks one, walk the dimension furthest from 0: in a VAE the dimensions
      // the model does not use encode every entry near 0, and moving them changes nothing.
      const reach = state.z.map(Math.abs);
      $('dim').value = String(reach.indexOf(Math.max(...reach)));
      state.dimChosen = true;
    }
    showLatent();
    await drawTraversal();
  }
}

// ---- latent dimension -----------------------------------------------------------------------

function currentDim() {
  return Number($('dim').value);
}

/** Shows z and puts the slider at the chosen dimension's value. */
function showLatent() {
  if (!state.z) {
    return;
  }
  const dim = currentDim();
  const reach = Math.max(TRAVERSAL_RANGE, Math.ceil(Math.max(...state.z.map(Math.abs))));
  const slider = $('value');
  slider.min = String(-reach);
  slider.max = String(reach);
  slider.value = String(state.z[dim]);
  showValue();
  $('z-values').replaceChildren(...state.z.map((v, i) => {
    const item = document.createElement('li');
    item.textContent = `z${i} ${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
    item.classList.toggle('current', i === dim);
    item.classList.toggle('changed', v !== state.encoded[i]);
    return item;
  }));
}

function showValue() {
  const text = Number($('value').value).toFixed(2);
  $('value-out').textContent = text;
  $('value').setAttribute('aria-valuetext', `z${currentDim()} = ${text}`);
}

// One decode in flight at a time; a slider that moves meanwhile is decoded once that answer is in.
let decoding = false;
let decodeAgain = false;

async function decodeZ() {
  if (decoding) {
    decodeAgain = true;
    return;
  }
  decoding = true;
  try {
    do {
      decodeAgain = false;
      const z = state.z.slice();
      await run($('latent-section'), $('latent-error'), 'Decoding', async () => {
        const answer = await api(modelPath('decode'), { z: [z] });
        paint($('decoded'), answer.images[0]);
        $('decoded').setAttribute('aria-label', `The image decoded from z with z${currentDim()} = ${z[currentDim()].toFixed(2)}`);
      });
    } while (decodeAgain);
  } finally {
    decoding = false;
  }
}

function setCurrent(value) {
  if (!state.z) {
    return;
  }
  state.z[currentDim()] = value;
  showLatent();
  decodeZ();
}

async function drawTraversal() {
  if (!state.entry) {
    return;
  }
  await run($('latent-section'), $('latent-error'), 'Traversing the dimension', async () => {
    const dim = currentDim();
    const query = `dim=${dim}&entry=${state.entry.index}&steps=${TRAVERSAL_STEPS}`
      + `&from=${-TRAVERSAL_RANGE}&to=${TRAVERSAL_RANGE}&${modelQuery()}`;
    const answer = await api(`api/models/${encodeURIComponent(state.model.name)}/traverse?${query}`);
    $('traversal').replaceChildren(...answer.images.map((pixels, i) => {
      const value = -TRAVERSAL_RANGE + (2 * TRAVERSAL_RANGE * i) / (TRAVERSAL_STEPS - 1);
      const figure = document.createElement('figure');
      figure.setAttribute('role', 'listitem');
      const canvas = newCanvas();
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `z${dim} = ${value.toFixed(1)}`);
      paint(canvas, pixels);
      const caption = document.createElement('figcaption');
      caption.textContent = value.toFixed(1);
      figure.append(canvas, caption);
      return figure;
    }));
    $('traversal-title').textContent = `z${dim} from −${TRAVERSAL_RANGE} to ${TRAVERSAL_RANGE}, the rest as the entry encodes`;
  });
}

// ---- wiring ---------------------------------------------------------------------------------

async function modelChanged() {
  // The old z has the old model's width: nothing decodes it until the entry is encoded anew.
  state.entry = null;
  state.z = null;
  state.dimChosen = false;
  await Promise.all([drawSamples(), encodeEntry()]);
}

async function start() {
  $('model').addEventListener('change', () => {
    chooseModel($('model').value);
    modelChanged();
  });
  $('version').addEventListener('change', () => {
    state.version = Number($('version').value);
    showModel();
    modelChanged();
  });
  $('sample-form').addEventListener('submit', (event) => {
    event.preventDefault();
    drawSamples();
  });
  $('new-seed').addEventListener('click', () => {
    $('seed').value = String(Math.floor(Math.random() * 1_000_000));
    drawSamples();
  });
  $('entry-form').addEventListener('submit', (event) => {
    event.preventDefault();
    encodeEntry();
  });
  $('shape').addEventListener('change', showRanges);
  $('size').addEventListener('change', showRanges);
  $('dim').addEventListener('change', () => {
    state.dimChosen = true;
    showLatent();
    drawTraversal();
  });
  $('value').addEventListener('input', () => {
    showValue();
    setCurrent(Number($('value').value));
  });
  $('zero').addEventListener('click', () => setCurrent(0));
  $('reset').addEventListener('click', () => {
    if (state.encoded) {
      state.z = state.encoded.slice();
      showLatent();
      decodeZ();
    }
  });

  const [haveModel, haveLayout] = await Promise.all([loadModels(), loadLayout()]);
  if (haveModel) {
    await Promise.all([drawSamples(), haveLayout ? encodeEntry() : Promise.resolve()]);
  }
  document.body.dataset.ready = 'true';
}

start();
