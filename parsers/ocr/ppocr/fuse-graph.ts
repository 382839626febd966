/**
 * The recogniser's ONNX graph with its element-wise chains folded, before ONNX Runtime loads it.
 *
 * PP-OCRv4's backbone (PPLCNetV3, exported by paddle2onnx at opset 9) writes every conv block as
 * Conv → Mul(a) → Add(b) (a "learnable affine block", one scalar each) → hard-swish spelt out as
 * Add(3) → Clip(0, 6) → Mul(x) → Div(6). ONNX Runtime fuses none of these: each is a pass over the
 * feature map, and each breaks its blocked (NCHWc) conv layout, so the map is reordered out and
 * back around every conv. Here the affine pair goes into the conv's weights and bias
 * (a·(W∗x + B) + b = (a·W)∗x + (a·B + b)), and the hard-swish becomes x·HardSigmoid(x; 1/6, ½),
 * which the runtime then runs inside the conv. The same function up to float rounding (scores
 * differ by some 1e-5); a quarter less of the recogniser's time.
 */

/** One field of a protobuf message: its number, wire type, and where its bytes lie. */
interface Field {
  no: number;
  wire: number;
  /** The varint's value (wire type 0; exact up to 2^53, which covers every value read here). */
  value: number;
  /** The payload (length-delimited or fixed), and the whole field with its key. */
  start: number;
  end: number;
  from: number;
  to: number;
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
    const field: Field = { no: Math.floor(key / 8), wire: key % 8, value: 0, start: i, end: i, from, to: i };
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
    field.to = i;
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

interface GraphNode {
  field: Field;
  fields: Field[];
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
}

/** A float attribute of a node (Clip's min and max at opset 9). */
function floatAttribute(buf: Uint8Array, node: GraphNode, name: string): number | undefined {
  for (const a of node.fields.filter((f) => f.no === 5)) {
    const fields = readFields(buf, a.start, a.end);
    const f = fields.find((x) => x.no === 2);
    if (text(buf, fields.find((x) => x.no === 1)) === name && f) return new DataView(buf.buffer, buf.byteOffset + f.start, 4).getFloat32(0, true);
  }
  return undefined;
}

/** A Constant node's float tensor: its values and the tensor's other fields, to write it again. */
interface FloatConstant {
  index: number;
  node: GraphNode;
  tensorFields: Field[];
  values: Float32Array;
}

/** A node written anew, and the values it reads. */
interface Rewritten {
  bytes: Uint8Array;
  inputs: string[];
}

function nodeBytes(inputs: string[], outputs: string[], name: string, op: string, extra: Uint8Array[] = []): Rewritten {
  return { bytes: lengthField(1, concat([...inputs.map((x) => textField(1, x)), ...outputs.map((x) => textField(2, x)), textField(3, name), textField(4, op), ...extra])), inputs };
}

/** What was folded: hard-swish chains, and affine pairs taken into a conv. */
export interface FusedGraph {
  bytes: Uint8Array;
  hardSwish: number;
  affine: number;
}

/** The model with its hard-swish chains and post-conv affine pairs folded (see the file's comment). */
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
        field,
        fields,
        op: text(model, fields.find((x) => x.no === 4)),
        name: text(model, fields.find((x) => x.no === 3)),
        inputs: fields.filter((x) => x.no === 1).map((x) => text(model, x)),
        outputs: fields.filter((x) => x.no === 2).map((x) => text(model, x)),
      };
    });
  const producer = new Map<string, number>();
  const users = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    for (const o of n.outputs) producer.set(o, i);
    for (const x of n.inputs) users.set(x, [...(users.get(x) ?? []), i]);
  });
  const onlyUser = (value: string, op: string): number | undefined => {
    const u = users.get(value) ?? [];
    return u.length === 1 && nodes[u[0]!]!.op === op ? u[0] : undefined;
  };
  const constant = (value: string): FloatConstant | undefined => {
    const index = producer.get(value);
    const node = index === undefined ? undefined : nodes[index];
    if (!node || node.op !== 'Constant') return undefined;
    for (const a of node.fields.filter((f) => f.no === 5)) {
      const t = readFields(model, a.start, a.end).find((x) => x.no === 5);
      if (!t) continue;
      const tensorFields = readFields(model, t.start, t.end);
      const raw = tensorFields.find((x) => x.no === 9);
      if (tensorFields.find((x) => x.no === 2)?.value !== 1 || !raw || (raw.end - raw.start) % 4 !== 0) return undefined;
      // ONNX stores raw data little-endian, as every platform Node runs on does. A copy (of its
      // own buffer, aligned): a Buffer's slice would be a view of the whole file.
      const values = new Float32Array(new Uint8Array(model.subarray(raw.start, raw.end)).buffer);
      return index === undefined ? undefined : { index, node, tensorFields, values };
    }
    return undefined;
  };
  const scalar = (value: string) => {
    const c = constant(value);
    return c && c.values.length === 1 ? c.values[0] : undefined;
  };
  const constantBytes = (c: FloatConstant, values: Float32Array): Rewritten => {
    const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const tensor = concat([...c.tensorFields.filter((x) => x.no !== 9).map((x) => model.subarray(x.from, x.to)), lengthField(9, raw)]);
    const attribute = lengthField(5, concat([textField(1, 'value'), lengthField(5, tensor), keyed(20, 0), new Uint8Array(varintBytes(TENSOR_ATTRIBUTE))]));
    return { bytes: lengthField(1, concat([...c.node.fields.filter((x) => x.no !== 5).map((x) => model.subarray(x.from, x.to)), attribute])), inputs: [] };
  };

  const replaced = new Map<number, Rewritten>();
  const dropped = new Set<number>();
  const untouched = (...indices: number[]) => indices.every((i) => !replaced.has(i) && !dropped.has(i));

  // x → Add(3) → Clip(0, 6) → Mul(x, ·) → Div(6)  ⇒  x → HardSigmoid(1/6, ½) → Mul(x, ·)
  let hardSwish = 0;
  nodes.forEach((clip, c) => {
    if (clip.op !== 'Clip' || floatAttribute(model, clip, 'min') !== 0 || floatAttribute(model, clip, 'max') !== 6) return;
    const a = producer.get(clip.inputs[0] ?? '');
    const add = a === undefined ? undefined : nodes[a];
    if (a === undefined || add?.op !== 'Add' || onlyUser(add.outputs[0]!, 'Clip') !== c) return;
    const x = add.inputs.find((i) => scalar(i) !== 3);
    if (x === undefined || !add.inputs.some((i) => scalar(i) === 3)) return;
    const m = onlyUser(clip.outputs[0]!, 'Mul');
    const mul = m === undefined ? undefined : nodes[m];
    if (m === undefined || !mul?.inputs.includes(x)) return;
    const d = onlyUser(mul.outputs[0]!, 'Div');
    const div = d === undefined ? undefined : nodes[d];
    if (d === undefined || !div || div.inputs[0] !== mul.outputs[0] || scalar(div.inputs[1] ?? '') !== 6 || !untouched(a, c, m, d)) return;
    const attribute = (name: string, value: number) => lengthField(5, concat([textField(1, name), floatField(2, value), keyed(20, 0), new Uint8Array(varintBytes(FLOAT_ATTRIBUTE))]));
    replaced.set(a, nodeBytes([x], [clip.outputs[0]!], `${add.name}.hard_sigmoid`, 'HardSigmoid', [attribute('alpha', 1 / 6), attribute('beta', 0.5)]));
    dropped.add(c);
    replaced.set(m, nodeBytes([x, clip.outputs[0]!], [div.outputs[0]!], `${mul.name}.hard_swish`, 'Mul'));
    dropped.add(d);
    hardSwish++;
  });

  // Conv(W, B) → Mul(a) → Add(b), a and b scalars  ⇒  Conv(a·W, a·B + b)
  let affine = 0;
  nodes.forEach((conv, k) => {
    if (conv.op !== 'Conv' || conv.inputs.length !== 3) return;
    const m = onlyUser(conv.outputs[0]!, 'Mul');
    const mul = m === undefined ? undefined : nodes[m];
    const scale = mul && scalar(mul.inputs.find((x) => x !== conv.outputs[0]) ?? '');
    const a = mul && onlyUser(mul.outputs[0]!, 'Add');
    const add = a === undefined ? undefined : nodes[a];
    const shift = add && scalar(add.inputs.find((x) => x !== mul!.outputs[0]) ?? '');
    const weights = constant(conv.inputs[1]!);
    const bias = constant(conv.inputs[2]!);
    if (m === undefined || a === undefined || scale === undefined || shift === undefined || !weights || !bias) return;
    // Weights shared with another node stay as they are.
    if ((users.get(conv.inputs[1]!) ?? []).length !== 1 || (users.get(conv.inputs[2]!) ?? []).length !== 1 || !untouched(k, m, a, weights.index, bias.index)) return;
    const w = weights.values;
    for (let i = 0; i < w.length; i++) w[i] = w[i]! * scale;
    const b = bias.values;
    for (let i = 0; i < b.length; i++) b[i] = b[i]! * scale + shift;
    replaced.set(weights.index, constantBytes(weights, w));
    replaced.set(bias.index, constantBytes(bias, b));
    replaced.set(k, nodeBytes(conv.inputs, [add!.outputs[0]!], conv.name, 'Conv', conv.fields.filter((x) => x.no === 5).map((x) => model.subarray(x.from, x.to))));
    dropped.add(m);
    dropped.add(a);
    affine++;
  });

  // Constants nothing reads any more (the 3 and 6, the affine scalars) go: the runtime warns of each.
  const read = new Set(nodes.flatMap((node, i) => (dropped.has(i) ? [] : (replaced.get(i)?.inputs ?? node.inputs))));
  nodes.forEach((node, i) => {
    if (node.op === 'Constant' && !node.outputs.some((o) => read.has(o))) dropped.add(i);
  });
  let n = 0;
  const graph = concat(
    graphFields.flatMap((f) => {
      if (f.no !== 1) return [model.subarray(f.from, f.to)];
      const i = n++;
      return dropped.has(i) ? [] : [replaced.get(i)?.bytes ?? model.subarray(f.from, f.to)];
    }),
  );
  const bytes = concat(top.map((f) => (f.no === 7 ? lengthField(7, graph) : model.subarray(f.from, f.to))));
  return { bytes, hardSwish, affine };
}
