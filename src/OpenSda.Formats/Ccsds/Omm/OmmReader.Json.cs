using System.Text;
using System.Text.Json;
using OpenSda.Formats.Catalog;

namespace OpenSda.Formats.Ccsds.Omm;

public static partial class OmmReader
{
    /// <summary>
    /// Reads GP JSON: an array of objects (or one object) whose members are OMM keywords, as served
    /// by CelesTrak (<c>FORMAT=JSON</c>, numbers as JSON numbers) and Space-Track (every value a JSON
    /// string, <c>null</c> for absent values, extra members such as <c>TLE_LINE1</c>). Unknown members
    /// are ignored. Streams over the UTF-8 bytes with <see cref="Utf8JsonReader"/>; lines in
    /// diagnostics are counted from the bytes.
    /// </summary>
    public static CatalogLoadResult ReadJson(byte[] utf8, string source, DateTimeOffset? retrievedUtc = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var acc = new CatalogAccumulator(source, CatalogFormat.OmmJson, retrievedUtc);
        ReadOnlySpan<byte> data = utf8;
        if (data.StartsWith("\xEF\xBB\xBF"u8))
            data = data[3..];
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        var fields = new OmmFields();
        var lines = new LineCounter();
        var scratch = new char[256];
        try
        {
            if (!reader.Read())
                return Empty(acc);
            var isArray = reader.TokenType == JsonTokenType.StartArray;
            if (!isArray && reader.TokenType != JsonTokenType.StartObject)
            {
                acc.Error(1, "JSON", "expected an array of GP objects or one object");
                return acc.ToResult();
            }
            while (true)
            {
                if (isArray)
                {
                    if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                        break;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        acc.Error(lines.LineAt(data, reader.TokenStartIndex), "JSON", $"expected an object in the array, found {reader.TokenType}");
                        acc.Rejected++;
                        reader.Skip();
                        continue;
                    }
                }
                fields.Clear();
                fields.RecordLine = lines.LineAt(data, reader.TokenStartIndex);
                ReadObject(ref reader, data, fields, lines, ref scratch);
                OmmRecordBuilder.TryBuild(fields, acc, ccsdsMessage: false);
                if (!isArray)
                    break;
            }
        }
        catch (JsonException ex)
        {
            acc.Error((int)(ex.LineNumber ?? 0) + 1, "JSON", "malformed JSON: " + ex.Message);
            acc.Rejected++;
        }
        return acc.ToResult();
    }

    private static CatalogLoadResult Empty(CatalogAccumulator acc)
    {
        acc.Error(0, "FILE", "empty input: no JSON");
        return acc.ToResult();
    }

    private static void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, OmmFields fields, LineCounter lines, ref char[] scratch)
    {
        Span<char> name = stackalloc char[64];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            // PropertyName
            var nameLen = reader.ValueSpan.Length <= 64 && !reader.HasValueSequence && !reader.ValueIsEscaped ? Encoding.UTF8.GetChars(reader.ValueSpan, name) : -1;
            var keyName = nameLen >= 0 ? name[..nameLen] : reader.GetString().AsSpan();
            var line = lines.LineAt(data, reader.TokenStartIndex);
            var known = OmmKeywords.TryGet(keyName, out var key);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                {
                    if (!known) break;
                    var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                    if (scratch.Length < max)
                        scratch = new char[Math.Max(max, scratch.Length * 2)];
                    var n = reader.CopyString(scratch);
                    fields.Set(key, scratch.AsSpan(0, n), line);
                    break;
                }
                case JsonTokenType.Number:
                {
                    if (!known) break;
                    var raw = reader.ValueSpan;
                    if (scratch.Length < raw.Length)
                        scratch = new char[raw.Length * 2];
                    var n = Encoding.UTF8.GetChars(raw, scratch);
                    fields.Set(key, scratch.AsSpan(0, n), line);
                    break;
                }
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    break;
                default:
                    break; // null, true, false: absent
            }
        }
    }

    /// <summary>Counts newlines incrementally so that line lookups for increasing offsets cost O(n) in total.</summary>
    private sealed class LineCounter
    {
        private long _offset;
        private int _line = 1;

        public int LineAt(ReadOnlySpan<byte> data, long offset)
        {
            if (offset < _offset)
            {
                _offset = 0;
                _line = 1;
            }
            _line += data[(int)_offset..(int)offset].Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
