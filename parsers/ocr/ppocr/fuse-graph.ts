/**
 * The recogniser's ONNX graph with its element-wise chains folded, before ONNX Runtime loads it.
 *
 * PP-OCRv4's backbone (PPLCNetV3, exported by paddle2onnx at opset 9) writes every conv block as
 * Conv → Mul(a) → Add(b) (a "learnable affine block", one scalar each) → hard-swish spelt out as
 * Add(3) → Clip(0, 6) → Mul(x) → Div(6). ONNX Runtime fuses none of these: each is a pass over the
 * feature map, and each breaks its blocked (NCHWc) conv layout, so the map is reordered out and
 * back around every conv. Here the affine pair goes into the conv's weights and bias
 * (a·(W∗x + B) + b = (a·W)∗x + (a·B + b)), and so does the pair after the hard-swish when a 1×1
 * conv without padding reads it (W∗(a·x + b) + B = (a·W)∗x + (B + b·ΣW)); the hard-swish becomes
 * x·HardSigmoid(x; 1/6, ½), which the runtime then runs inside the conv. The same function up to
 * float rounding (scores differ by some 1e-5).
 */

/** One field of a protobuf message: its number, wire type, and where its bytes lie. */
interface Field {
  no: number;
  wire: number;
  /** The varint's value (wire type 0; exact up to 2^53, which covers every value read here). */
  value: number;
  /** The payload (length-delimited or fixed) runs from `start` to `end`; the whole field, with its key, from `from` to `end`. */
  start: number;
  end: number;
  from: number;
}

function readFields(buf: Uint8Array, start: number, end: number): Field[] {
  const out: Field[] = [];
  let i = start;
  const varint = (): number => {
    let v = 0;
    // A varint has at most 10 bytes: the bound keeps a corrupt file from looping.
    for (let scale = 1, k = 0; k < 10 && i < end; k++, scale *= 128) {
      const b = buf[i++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
    }
    throw new Error('a malformed protobuf varint');
  };
  while (i < end) {
    const from = i;
    const key = varint();
    const field: Field = { no: Math.floor(key / 8), wire: key % 8, value: 0, start: i, end: i, from };
    if (field.wire === 0) field.value = varint();
    else if (field.wire === 2) {
      const length = varint();
      field.start = i;
      i += length;
    } else if (field.wire === 5 || field.wire === 1) {
      field.start = i;
      i += field.wire === 5 ? 4 : 8;
    } else throw new Error(`protobuf wire type ${field.wire} is not read here`);
    if (i > end) throw new Error('a protobuf field runs past its message');
    field.end = i;
    out.push(field);
  }
  return out;
}

const utf8 = new TextDecoder();
const text = (buf: Uint8Array, f: Field | undefined) => (f ? utf8.decode(buf.subarray(f.start, f.end)) : '');

function varintBytes(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}
const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const keyed = (no: number, wire: number) => new Uint8Array(varintBytes(no * 8 + wire));
const lengthField = (no: number, payload: Uint8Array) => concat([keyed(no, 2), new Uint8Array(varintBytes(payload.length)), payload]);
const textField = (no: number, value: string) => lengthField(no, new TextEncoder().encode(value));
const floatField = (no: number, value: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return concat([keyed(no, 5), bytes]);
};

// ONNX field numbers (onnx.proto): ModelProto.graph 7; GraphProto.node 1; NodeProto input 1,
// output 2, name 3, op_type 4, attribute 5; AttributeProto name 1, f 2, t 5, type 20;
// TensorProto data_type 2 (1 = float), raw_data 9.
const FLOAT_ATTRIBUTE = 1;
const TENSOR_ATTRIBUTE = 4;

/** A node of the graph as it is being rewritten: `rewritten` ones are written anew at the end. */
interface GraphNode {
  /** The node's bytes in the file, and its fields. */
  from: number;
  to: number;
  fields: Field[];
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** The attribute fields to write (the node's own unless replaced). */
  attributes: Uint8Array[];
  rewritten: boolean;
}

/** A Constant node's float tensor: its values (changed in place by the folds) and the tensor's other fields. */
interface FloatConstant {
  node: GraphNode;
  tensorFields: Field[];
  values: Float32Array;
  changed: boolean;
}

/** What was folded: hard-swish chains, and affine pairs taken into a conv (before it or after it). */
export interface FusedGraph {
  bytes: Uint8Array;
  hardSwish: number;
  affine: number;
}

/** The model with its hard-swish chains and affine pairs folded (see the file's comment). */
export function fuseRecogniser(model: Uint8Array): FusedGraph {
  const top = readFields(model, 0, model.length);
  const graphField = top.find((f) => f.no === 7);
  if (!graphField) return { bytes: model, hardSwish: 0, affine: 0 };
  const graphFields = readFields(model, graphField.start, graphField.end);
  const nodes: GraphNode[] = graphFields
    .filter((f) => f.no === 1)
    .map((field) => {
      const fields = readFields(model, field.start, field.end);
      return {
        from: field.from,
        to: field.end,
        fields,
        op: text(model, fields.find((x) => x.no === 4)),
        name: text(model, fields.find((x) => x.no === 3)),
        inputs: fields.filter((x) => x.no === 1).map((x) => text(model, x)),
        outputs: fields.filter((x) => x.no === 2).map((x) => text(model, x)),
        attributes: fields.filter((x) => x.no === 5).map((x) => model.subarray(x.from, x.end)),
        rewritten: false,
      };
    });
  const producer = new Map<string, GraphNode>();
  const users = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    for (const o of n.outputs) producer.set(o, n);
    for (const x of n.inputs) users.set(x, [...(users.get(x) ?? []), n]);
  }
  const dropped = new Set<GraphNode>();
  /** The one node reading `value`, when it is one and of this kind (and not folded away yet). */
  const onlyUser = (value: string | undefined, op: string): GraphNode | undefined => {
    const u = users.get(value ?? '') ?? [];
    return u.length === 1 && u[0]!.op === op && !dropped.has(u[0]!) ? u[0] : undefined;
  };
  const attribute = (node: GraphNode, name: string): Field[] | undefined => {
    for (const a of node.fields.filter((f) => f.no === 5)) {
      const fields = readFields(model, a.start, a.end);
      if (text(model, fields.find((x) => x.no === 1)) === name) return fields;
    }
    return undefined;
  };
  const floatAttribute = (node: GraphNode, name: string) => {
    const f = attribute(node, name)?.find((x) => x.no === 2);
    return f ? new DataView(model.buffer, model.byteOffset + f.start, 4).getFloat32(0, true) : undefined;
  };
  /** An int or ints attribute's values (AttributeProto i 3, ints 8); undefined when absent or packed. */
  const intsAttribute = (node: GraphNode, name: string): number[] | undefined => {
    const fields = attribute(node, name)?.filter((x) => x.no === 3 || x.no === 8);
    return fields && fields.every((x) => x.wire === 0) ? fields.map((x) => x.value) : undefined;
  };
  const constants = new Map<string, FloatConstant | null>();
  /** The float tensor a Constant node makes, read once: the folds change its values in place. */
  const constant = (value: string | undefined): FloatConstant | undefined => {
    if (value === undefined) return undefined;
    if (!constants.has(value)) {
      const node = producer.get(value);
      let found: FloatConstant | null = null;
      const t = node?.op === 'Constant' ? attribute(node, 'value')?.find((x) => x.no === 5) : undefined;
      if (node && t) {
        const tensorFields = readFields(model, t.start, t.end);
        const raw = tensorFields.find((x) => x.no === 9);
        // ONNX stores raw data little-endian, as every platform Node runs on does. A copy (of its
        // own buffer, aligned): a Buffer's slice would be a view of the whole file.
        if (tensorFields.find((x) => x.no === 2)?.value === 1 && raw && (raw.end - raw.start) % 4 === 0)
          found = { node, tensorFields, values: new Float32Array(new Uint8Array(model.subarray(raw.start, raw.end)).buffer), changed: false };
      }
      constants.set(value, found);
    }
    return constants.get(value) ?? undefined;
  };
  const scalar = (value: string | undefined) => {
    const c = constant(value);
    return c && c.values.length === 1 ? c.values[0] : undefined;
  };
  /** Weights and bias a fold may change: float constants read by this conv alone. */
  const convTensors = (conv: GraphNode) => {
    const [, w, b] = conv.inputs;
    const weights = constant(w);
    const bias = constant(b);
    return weights && bias && users.get(w!)?.length === 1 && users.get(b!)?.length === 1 ? { weights: weights.values, bias: bias.values, done: () => (weights.changed = bias.changed = true) } : undefined;
  };
  /** The Mul(scalar) → Add(scalar) pair reading `value`: the scalars, and the Add's output. */
  const affinePair = (value: string) => {
    const mul = onlyUser(value, 'Mul');
    const scale = scalar(mul?.inputs.find((x) => x !== value));
    const add = mul && onlyUser(mul.outputs[0], 'Add');
    const shift = scalar(add?.inputs.find((x) => x !== mul!.outputs[0]));
    return mul && add && scale !== undefined && shift !== undefined ? { mul, add, scale, shift } : undefined;
  };
  const rewrite = (node: GraphNode, change: Partial<Pick<GraphNode, 'op' | 'name' | 'inputs' | 'outputs' | 'attributes'>>) => Object.assign(node, change, { rewritten: true });

  // x → Add(3) → Clip(0, 6) → Mul(x, ·) → Div(6)  ⇒  x → HardSigmoid(1/6, ½) → Mul(x, ·)
  let hardSwish = 0;
  for (const clip of nodes) {
    if (clip.op !== 'Clip' || floatAttribute(clip, 'min') !== 0 || floatAttribute(clip, 'max') !== 6) continue;
    const add = producer.get(clip.inputs[0] ?? '');
    if (add?.op !== 'Add' || onlyUser(add.outputs[0], 'Clip') !== clip) continue;
    const x = add.inputs.find((i) => scalar(i) !== 3);
    const mul = onlyUser(clip.outputs[0], 'Mul');
    const div = mul && onlyUser(mul.outputs[0], 'Div');
    if (x === undefined || !add.inputs.some((i) => scalar(i) === 3) || !mul?.inputs.includes(x) || !div || div.inputs[0] !== mul.outputs[0] || scalar(div.inputs[1]) !== 6) continue;
    const floatAttr = (name: string, value: number) => lengthField(5, concat([textField(1, name), floatField(2, value), keyed(20, 0), new Uint8Array(varintBytes(FLOAT_ATTRIBUTE))]));
    rewrite(add, { op: 'HardSigmoid', name: `${add.name}.hard_sigmoid`, inputs: [x], outputs: clip.outputs, attributes: [floatAttr('alpha', 1 / 6), floatAttr('beta', 0.5)] });
    rewrite(mul, { name: `${mul.name}.hard_swish`, inputs: [x, clip.outputs[0]!], outputs: div.outputs });
    dropped.add(clip).add(div);
    hardSwish++;
  }

  let affine = 0;
  for (const conv of nodes) {
    if (conv.op !== 'Conv' || conv.inputs.length !== 3) continue;
    // After: Conv(W, B) → Mul(a) → Add(b)  ⇒  Conv(a·W, a·B + b)
    const after = affinePair(conv.outputs[0]!);
    const tensors = convTensors(conv);
    if (after && tensors) {
      const { weights, bias } = tensors;
      for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! * after.scale;
      for (let i = 0; i < bias.length; i++) bias[i] = bias[i]! * after.scale + after.shift;
      tensors.done();
      rewrite(conv, { outputs: after.add.outputs });
      dropped.add(after.mul).add(after.add);
      affine++;
    }
  }
  for (const conv of nodes) {
    if (conv.op !== 'Conv' || conv.inputs.length !== 3 || dropped.has(conv)) continue;
    // Before a 1×1 conv without padding: x → Mul(a) → Add(b) → Conv(W, B)  ⇒  Conv(a·W, B + b·ΣW)
    const add = producer.get(conv.inputs[0]!);
    const mul = add?.op === 'Add' ? add.inputs.map((x) => producer.get(x)).find((n) => n?.op === 'Mul') : undefined;
    const x = mul?.inputs.find((v) => scalar(v) === undefined);
    const before = x === undefined ? undefined : affinePair(x);
    const tensors = convTensors(conv);
    const kernel = intsAttribute(conv, 'kernel_shape');
    const pads = intsAttribute(conv, 'pads') ?? [];
    const group = intsAttribute(conv, 'group') ?? [1];
    if (!before || before.add !== add || onlyUser(add.outputs[0], 'Conv') !== conv || !tensors || !kernel?.every((k) => k === 1) || !pads.every((p) => p === 0) || group[0] !== 1 || attribute(conv, 'auto_pad')) continue;
    const { weights, bias } = tensors;
    const perOutput = weights.length / bias.length;
    for (let o = 0; o < bias.length; o++) {
      let sum = 0;
      for (let i = o * perOutput; i < (o + 1) * perOutput; i++) {
        sum += weights[i]!;
        weights[i] = weights[i]! * before.scale;
      }
      bias[o] = bias[o]! + before.shift * sum;
    }
    tensors.done();
    rewrite(conv, { inputs: [x!, ...conv.inputs.slice(1)] });
    dropped.add(before.mul).add(before.add);
    affine++;
  }

  const constantBytes = (c: FloatConstant): Uint8Array => {
    const raw = new Uint8Array(c.values.buffer, c.values.byteOffset, c.values.byteLength);
    const tensor = concat([...c.tensorFields.filter((x) => x.no !== 9).map((x) => model.subarray(x.from, x.end)), lengthField(9, raw)]);
    const value = lengthField(5, concat([textField(1, 'value'), lengthField(5, tensor), keyed(20, 0), new Uint8Array(varintBytes(TENSOR_ATTRIBUTE))]));
    return lengthField(1, concat([...c.node.fields.filter((x) => x.no !== 5).map((x) => model.subarray(x.from, x.end)), value]));
  };
  const changedConstant = new Map([...constants.values()].flatMap((c) => (c?.changed ? [[c.node, c] as const] : [])));
  // Constants nothing reads any more (the 3 and 6, the affine scalars) go: the runtime warns of each.
  const read = new Set(nodes.flatMap((n) => (dropped.has(n) ? [] : n.inputs)));
  for (const n of nodes) if (n.op === 'Constant' && !n.outputs.some((o) => read.has(o))) dropped.add(n);
  let next = 0;
  const graph = concat(
    graphFields.flatMap((f) => {
      if (f.no !== 1) return [model.subarray(f.from, f.end)];
      const n = nodes[next++]!;
      if (dropped.has(n)) return [];
      const c = changedConstant.get(n);
      if (c) return [constantBytes(c)];
      if (!n.rewritten) return [model.subarray(n.from, n.to)];
      return [lengthField(1, concat([...n.inputs.map((x) => textField(1, x)), ...n.outputs.map((x) => textField(2, x)), textField(3, n.name), textField(4, n.op), ...n.attributes]))];
    }),
  );
  const bytes = concat(top.map((f) => (f.no === 7 ? lengthField(7, graph) : model.subarray(f.from, f.end))));
  return { bytes, hardSwish, affine };
}
