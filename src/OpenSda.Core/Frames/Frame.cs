namespace OpenSda.Frames;

/// <summary>
/// A reference frame, a node of a <see cref="FrameTree"/>. Frames are compared by reference; each
/// knows its parent and how to compute the transform parent → this frame at an instant.
/// </summary>
public sealed class Frame
{
    internal Frame(string name, string description, Frame? parent, FrameId id)
    {
        Name = name;
        Description = description;
        Parent = parent;
        Id = id;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>Short name, e.g. "TEME".</summary>
    public string Name { get; }

    /// <summary>One line saying what the frame is.</summary>
    public string Description { get; }

    /// <summary>The parent frame (null for the root, GCRF).</summary>
    public Frame? Parent { get; }

    /// <summary>True for Earth-fixed (rotating) frames: PEF and ITRF.</summary>
    public bool IsEarthFixed => Id is FrameId.Pef or FrameId.Itrf;

    internal FrameId Id { get; }

    internal int Depth { get; }

    public override string ToString() => Name;
}

internal enum FrameId { Gcrf, Mod, Tod, Teme, Pef, Itrf }
