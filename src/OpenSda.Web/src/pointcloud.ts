// The whole catalog as one draw call: a Cesium primitive holding one vertex buffer of Earth-fixed positions (metres,
// float32), one of colours (RGBA bytes) and one of point sizes, drawn as GL points. The browser writes the
// interpolated positions into the Float32Array each frame and the primitive uploads it once (bufferSubData);
// nothing per point goes through Cesium's object model, unlike PointPrimitiveCollection (a billboard-like quad per
// point, each position setter marking that point dirty). Uses Cesium's renderer classes (Buffer, VertexArray,
// ShaderProgram, DrawCommand), which the Cesium build exports but does not type.

/* eslint-disable @typescript-eslint/no-explicit-any */
const VS = `
in vec3 position;
in vec4 color;
in float pointSize;
out vec4 v_color;
void main() {
  v_color = color;
  if (pointSize < 0.5 || dot(position, position) < 1.0) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // outside the clip volume: not drawn
    gl_PointSize = 1.0;
  } else {
    vec4 p = czm_modelViewProjection * vec4(position, 1.0);
    p.z = 0.0; // no depth test: every point in front of the camera stays between the near and far planes (which the globe sets)
    gl_Position = p;
    gl_PointSize = pointSize * czm_pixelRatio;
  }
}`;

const FS = `
in vec4 v_color;
void main() {
  vec2 c = gl_PointCoord - vec2(0.5);
  if (dot(c, c) > 0.25) discard;
  out_FragColor = v_color;
}`;

export class PointCloud {
  show = true;
  /** Positions, metres (ITRF), x y z per point; a point at the origin is not drawn. */
  readonly positions: Float32Array;
  /** RGBA bytes per point. */
  readonly colors: Uint8Array;
  /** Pixel size per point; 0 hides it. */
  readonly sizes: Float32Array;
  positionsDirty = true;
  stylesDirty = true;
  private command: any = null;
  private buffers: any[] = [];
  private va: any = null;
  private sp: any = null;

  constructor(readonly count: number) {
    this.positions = new Float32Array(count * 3);
    this.colors = new Uint8Array(count * 4);
    this.sizes = new Float32Array(count).fill(2);
  }

  setColor(i: number, c: import('cesium').Color): void {
    const o = i * 4;
    this.colors[o] = Math.round(c.red * 255);
    this.colors[o + 1] = Math.round(c.green * 255);
    this.colors[o + 2] = Math.round(c.blue * 255);
    this.colors[o + 3] = Math.round(c.alpha * 255);
    this.stylesDirty = true;
  }

  setSize(i: number, px: number): void {
    this.sizes[i] = px;
    this.stylesDirty = true;
  }

  private create(context: any): void {
    const C = Cesium as any;
    const usage = C.BufferUsage.DYNAMIC_DRAW;
    const pos = C.Buffer.createVertexBuffer({ context, typedArray: this.positions, usage });
    const col = C.Buffer.createVertexBuffer({ context, typedArray: this.colors, usage });
    const size = C.Buffer.createVertexBuffer({ context, typedArray: this.sizes, usage });
    this.buffers = [pos, col, size];
    const attributeLocations = { position: 0, color: 1, pointSize: 2 };
    this.va = new C.VertexArray({
      context,
      attributes: [
        { index: 0, vertexBuffer: pos, componentsPerAttribute: 3, componentDatatype: C.ComponentDatatype.FLOAT },
        { index: 1, vertexBuffer: col, componentsPerAttribute: 4, componentDatatype: C.ComponentDatatype.UNSIGNED_BYTE, normalize: true },
        { index: 2, vertexBuffer: size, componentsPerAttribute: 1, componentDatatype: C.ComponentDatatype.FLOAT },
      ],
    });
    this.sp = C.ShaderProgram.fromCache({ context, vertexShaderSource: VS, fragmentShaderSource: FS, attributeLocations });
    // Drawn once per frame in the overlay pass, without depth test: points behind the Earth are removed beforehand
    // (the caller puts them at the origin). In the opaque pass Cesium would draw the command once per frustum (two
    // for a whole-Earth view) with a logarithmic-depth variant of the shaders, about twice the cost in SwiftShader.
    const renderState = C.RenderState.fromCache({ depthTest: { enabled: false }, depthMask: false });
    this.command = new C.DrawCommand({
      vertexArray: this.va, primitiveType: C.PrimitiveType.POINTS, shaderProgram: this.sp, renderState, pass: C.Pass.OVERLAY,
      owner: this, count: this.count, modelMatrix: C.Matrix4.IDENTITY,
      boundingVolume: new C.BoundingSphere(C.Cartesian3.ZERO, 5.0e8), // beyond GEO and the HEO apogees
    });
    this.positionsDirty = this.stylesDirty = true;
  }

  /** Called by Cesium once per frame for every primitive in the scene. */
  update(frameState: any): void {
    if (!this.show || this.count === 0) return;
    if (!this.command) this.create(frameState.context);
    if (this.positionsDirty) { this.buffers[0].copyFromArrayView(this.positions); this.positionsDirty = false; }
    if (this.stylesDirty) { this.buffers[1].copyFromArrayView(this.colors); this.buffers[2].copyFromArrayView(this.sizes); this.stylesDirty = false; }
    frameState.commandList.push(this.command);
  }

  /** Index of the drawn point nearest a window position (within maxPx, in front of the Earth), or -1. */
  pick(scene: import('cesium').Scene, windowPos: import('cesium').Cartesian2, maxPx = 6): number {
    const C = Cesium;
    const occluder = new (C as any).EllipsoidalOccluder(C.Ellipsoid.WGS84, scene.camera.positionWC);
    const p = new C.Cartesian3(), w = new C.Cartesian2();
    let best = -1, bestD = maxPx * maxPx;
    for (let i = 0; i < this.count; i++) {
      if (this.sizes[i] < 0.5) continue;
      p.x = this.positions[i * 3]; p.y = this.positions[i * 3 + 1]; p.z = this.positions[i * 3 + 2];
      if (p.x === 0 && p.y === 0 && p.z === 0) continue;
      if (!C.SceneTransforms.worldToWindowCoordinates(scene, p, w)) continue;
      const d = (w.x - windowPos.x) ** 2 + (w.y - windowPos.y) ** 2;
      if (d < bestD && occluder.isPointVisible(p)) { bestD = d; best = i; }
    }
    return best;
  }

  isDestroyed(): boolean { return false; }

  destroy(): void {
    this.va?.destroy(); // and its vertex buffers
    this.sp?.destroy();
    this.buffers = [];
    this.command = null;
  }
}
