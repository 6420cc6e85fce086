// CesiumJS is loaded by index.html from /cesium/Cesium.js (the package's prebuilt build) as window.Cesium.
declare const Cesium: typeof import('cesium');
