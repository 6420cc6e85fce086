using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenSda.Cli.Infrastructure;
using OpenSda.Formats.Catalog;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary>
/// <c>opensda propagate</c>: SGP4/SDP4 states of every object of a catalog, at minutes since each
/// element set's epoch or on a UTC time grid, in TEME (SGP4's frame), ITRF or GCRF.
/// </summary>
internal static class PropagateCommand
{
    /// <summary>The CSV header; later checks depend on it exactly.</summary>
    public const string CsvHeader = "norad_id,tsince_min,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error";

    public static Command Create()
    {
        var file = new Argument<string>("CATALOG_FILE") { Description = "Catalog file (TLE/3LE, OMM KVN/XML/JSON/CSV, gzip allowed)." };
        var tsince = new Option<string?>("--tsince-min") { Description = "Comma-separated minutes since each element set's epoch, e.g. 0,360,1440." };
        var from = new Option<string?>("--from") { Description = "Start of a UTC time grid (ISO-8601), e.g. 2024-11-01T00:00:00Z." };
        var to = new Option<string?>("--to") { Description = "End of the grid (inclusive when on a step)." };
        var step = new Option<double>("--step-s") { Description = "Grid step in seconds.", DefaultValueFactory = _ => 60 };
        var frame = new Option<string>("--frame") { Description = "Output frame.", DefaultValueFactory = _ => "teme" }
            .AcceptOnlyFromAmong("teme", "itrf", "gcrf");
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "csv" }
            .AcceptOnlyFromAmong("csv", "json");
        var ids = new Option<string?>("--ids") { Description = "Only these catalog numbers (comma-separated, Alpha-5 allowed)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var command = new Command("propagate",
            "Propagate every object with SGP4/SDP4 (WGS-72, improved mode), writing\n" + CsvHeader + "\n" +
            "Either --tsince-min, or --from/--to/--step-s. 'error' is empty or the SGP4 error code (1-6).")
        { file, tsince, from, to, step, frame, format, ids, output };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            var tsinceText = parse.GetValue(tsince);
            var fromText = parse.GetValue(from);
            var toText = parse.GetValue(to);
            if ((tsinceText is null) == (fromText is null))
            {
                io.Error("give either --tsince-min, or --from and --to");
                return ExitCodes.Usage;
            }
            TimeGrid grid;
            if (tsinceText is not null)
            {
                if (!TryParseList(tsinceText, out var minutes))
                {
                    io.Error($"--tsince-min: '{tsinceText}' is not a comma-separated list of numbers");
                    return ExitCodes.Usage;
                }
                grid = TimeGrid.SinceEpoch(minutes);
            }
            else
            {
                if (toText is null)
                {
                    io.Error("--from needs --to");
                    return ExitCodes.Usage;
                }
                if (!Instant.TryParseIso(fromText, scales.Utc, out var t0, out var e0)) { io.Error("--from: " + e0); return ExitCodes.Usage; }
                if (!Instant.TryParseIso(toText, scales.Utc, out var t1, out var e1)) { io.Error("--to: " + e1); return ExitCodes.Usage; }
                var stepS = parse.GetValue(step);
                if (!(stepS > 0) || t1 < t0)
                {
                    io.Error("--step-s must be positive and --to not before --from");
                    return ExitCodes.Usage;
                }
                var count = (long)Math.Floor(t1.SecondsSince(t0) / stepS + 1e-9) + 1;
                if (count > 10_000_000)
                {
                    io.Error($"the grid has {count} times; use a larger --step-s");
                    return ExitCodes.Usage;
                }
                grid = TimeGrid.Utc(Enumerable.Range(0, (int)count).Select(k => t0.AddSeconds(k * stepS)).ToArray());
                foreach (var warning in scales.Warnings(t0).Concat(scales.Warnings(t1)).Distinct())
                    io.Message("warning: " + warning);
            }

            var catalog = CatalogInput.Load(io, parse.GetValue(file));
            if (catalog is null) return ExitCodes.BadInput;
            var entries = catalog.Entries;
            var idsText = parse.GetValue(ids);
            if (idsText is not null)
            {
                var wanted = idsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                entries = entries.Where(e => wanted.Contains(e.CatalogNumberText) ||
                                             wanted.Contains(e.CatalogNumber.ToString(CultureInfo.InvariantCulture))).ToList();
            }

            var frames = new FrameTree(scales);
            frames.TryGetFrame(parse.GetValue(frame)!, out var outFrame);
            var outPath = parse.GetValue(output);
            using var writer = outPath is null
                ? null
                : new StreamWriter(outPath, false, new UTF8Encoding(false), 1 << 16);
            var target = writer ?? io.Out;
            var sink = parse.GetValue(format) == "json" ? (IStateSink)new JsonSink(target) : new CsvSink(target);
            io.WithProgress("Propagating", report =>
            {
                Run(entries, grid, frames, outFrame, scales, sink, report);
                return 0;
            });
            sink.Finish();
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Run(IReadOnlyList<CatalogEntry> entries, TimeGrid grid, FrameTree frames, Frame outFrame,
                            TimeScales scales, IStateSink sink, Action<double> report)
    {
        // On a common UTC grid the frame rotation is the same for every object: build it once per time.
        FrameTransform[]? gridTransforms = null;
        if (grid.TimesUtc is { } times && outFrame != frames.Teme)
            gridTransforms = times.Select(t => frames.GetTransform(frames.Teme, outFrame, t)).ToArray();
        var utcGrid = grid.TimesUtc?.Select(t => t.ToJulianDate(scales.Utc)).ToArray();

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var initError = Sgp4Propagator.Initialize(entry.Elements, out var propagator);
            var epoch = entry.Elements.EpochUtc;
            var n = grid.Count;
            for (var k = 0; k < n; k++)
            {
                double tsinceMin;
                Instant time;
                if (utcGrid is not null)
                {
                    time = grid.TimesUtc![k];
                    tsinceMin = utcGrid[k].MinutesSince(epoch);
                }
                else
                {
                    tsinceMin = grid.MinutesSinceEpoch![k];
                    time = Instant.FromJulianDate(epoch, scales.Utc).AddSeconds(tsinceMin * 60.0);
                }
                if (initError != Sgp4Error.None)
                {
                    sink.Write(entry.CatalogNumberText, tsinceMin, time, scales, null, initError);
                    continue;
                }
                var error = propagator.Propagate(tsinceMin, out var r, out var v);
                StateVector? state = error is Sgp4Error.None or Sgp4Error.Decayed ? new StateVector(r, v) : null;
                if (state is { } s && outFrame != frames.Teme)
                {
                    state = gridTransforms is not null
                        ? gridTransforms[k].TransformState(s)
                        : frames.Transform(s, frames.Teme, outFrame, time);
                }
                sink.Write(entry.CatalogNumberText, tsinceMin, time, scales, state, error);
            }
            if ((i & 255) == 0) report((double)i / entries.Count);
        }
    }

    private static bool TryParseList(string text, out double[] values)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                return false;
        }
        return parts.Length > 0;
    }

    /// <summary>Either minutes since each epoch, or instants common to every object.</summary>
    private sealed record TimeGrid(double[]? MinutesSinceEpoch, Instant[]? TimesUtc)
    {
        public int Count => MinutesSinceEpoch?.Length ?? TimesUtc!.Length;
        public static TimeGrid SinceEpoch(double[] minutes) => new(minutes, null);
        public static TimeGrid Utc(Instant[] times) => new(null, times);
    }

    private interface IStateSink
    {
        void Write(string noradId, double tsinceMin, Instant time, TimeScales scales, StateVector? state, Sgp4Error error);
        void Finish();
    }

    private sealed class CsvSink : IStateSink
    {
        private readonly TextWriter _w;
        private readonly StringBuilder _line = new(160);

        public CsvSink(TextWriter w)
        {
            _w = w;
            _w.WriteLine(CsvHeader);
        }

        public void Write(string noradId, double tsinceMin, Instant time, TimeScales scales, StateVector? state, Sgp4Error error)
        {
            var inv = CultureInfo.InvariantCulture;
            _line.Clear();
            _line.Append(noradId).Append(',')
                 .Append(tsinceMin.ToString("0.#########", inv)).Append(',')
                 .Append(time.ToIsoString(scales.Utc, 6)).Append(',');
            if (state is { } s)
            {
                _line.Append(s.PositionKm.X.ToString("F9", inv)).Append(',')
                     .Append(s.PositionKm.Y.ToString("F9", inv)).Append(',')
                     .Append(s.PositionKm.Z.ToString("F9", inv)).Append(',')
                     .Append(s.VelocityKmS.X.ToString("F12", inv)).Append(',')
                     .Append(s.VelocityKmS.Y.ToString("F12", inv)).Append(',')
                     .Append(s.VelocityKmS.Z.ToString("F12", inv)).Append(',');
            }
            else
            {
                _line.Append(",,,,,,");
            }
            if (error != Sgp4Error.None) _line.Append(((int)error).ToString(inv));
            _w.WriteLine(_line);
        }

        public void Finish() => _w.Flush();
    }

    private sealed class JsonSink : IStateSink
    {
        private readonly TextWriter _target;
        private readonly MemoryStream _buffer = new();
        private readonly Utf8JsonWriter _json;

        public JsonSink(TextWriter target)
        {
            _target = target;
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
            _json.WriteStartArray();
        }

        public void Write(string noradId, double tsinceMin, Instant time, TimeScales scales, StateVector? state, Sgp4Error error)
        {
            _json.WriteStartObject();
            _json.WriteString("norad_id", noradId);
            _json.WriteNumber("tsince_min", tsinceMin);
            _json.WriteString("time_utc", time.ToIsoString(scales.Utc, 6));
            if (state is { } s)
            {
                _json.WriteNumber("x_km", s.PositionKm.X);
                _json.WriteNumber("y_km", s.PositionKm.Y);
                _json.WriteNumber("z_km", s.PositionKm.Z);
                _json.WriteNumber("vx_km_s", s.VelocityKmS.X);
                _json.WriteNumber("vy_km_s", s.VelocityKmS.Y);
                _json.WriteNumber("vz_km_s", s.VelocityKmS.Z);
            }
            if (error != Sgp4Error.None) _json.WriteNumber("error", (int)error);
            else _json.WriteNull("error");
            _json.WriteEndObject();
            if (_buffer.Length > 1 << 20) Drain();
        }

        private void Drain()
        {
            _json.Flush();
            _target.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
            _buffer.SetLength(0);
        }

        public void Finish()
        {
            _json.WriteEndArray();
            Drain();
            _target.WriteLine();
            _target.Flush();
        }
    }
}
