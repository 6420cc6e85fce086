namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// Column numbers of the structure-of-arrays store of <see cref="Sgp4VectorBatch"/>. Objects are kept in
/// groups of <see cref="Lanes"/>; a group is <see cref="Count"/> columns of <see cref="Lanes"/> doubles
/// (column c of lane j at <c>group·Count·Lanes + c·Lanes + j</c>), so one aligned 512-bit load (or two
/// 256-bit loads) reads a column for the whole group. Near-earth columns come first: a near-earth group
/// never touches the deep-space ones.
/// </summary>
/// <remarks>
/// Columns hold the <see cref="Sgp4Record"/> constants, with two kinds of preparation that keep the
/// kernel's arithmetic identical to the scalar kernel's: products the scalar code forms left to right from
/// constants (Bstar·Cc4, Bstar·Cc5) are stored formed, and terms a lane's branch does not use are stored as
/// zero where adding zero reproduces the branch exactly (the non-simplified drag terms of a simplified-drag
/// lane; the lunar-solar rates and periodic coefficients of a near-earth lane). Masks are stored as
/// all-ones / all-zeros bit patterns.
/// </remarks>
internal static class Col
{
    public const int Lanes = 8;

    // ---- near-earth ----
    public const int EpochDay = 0, EpochFraction = 1;
    public const int Mo = 2, Mdot = 3, Argpo = 4, Argpdot = 5, Nodeo = 6, Nodedot = 7, Nodecf = 8;
    public const int Cc1 = 9, BstarCc4 = 10, T2cof = 11;
    public const int Omgcof = 12, Eta = 13, Xmcof = 14, Delmo = 15, D2 = 16, D3 = 17, D4 = 18;
    public const int BstarCc5 = 19, Sinmao = 20, T3cof = 21, T4cof = 22, T5cof = 23;
    public const int NoUnkozai = 24, Ecco = 25, Inclo = 26, Ao = 27, SinIo = 28, CosIo = 29;
    public const int Aycof = 30, Xlcof = 31, Con41 = 32, X1mth2 = 33, X7thm1 = 34;
    public const int DeepMask = 35, InputErrorMask = 36;

    // ---- deep space: secular rates and lunar-solar periodic coefficients ----
    public const int Gsto = 37, Dedt = 38, Didt = 39, Domdt = 40, Dnodt = 41, Dmdt = 42, Zmos = 43, Zmol = 44;
    public const int Se2 = 45, Se3 = 46, Si2 = 47, Si3 = 48, Sl2 = 49, Sl3 = 50, Sl4 = 51, Sgh2 = 52, Sgh3 = 53, Sgh4 = 54, Sh2 = 55, Sh3 = 56;
    public const int Ee2 = 57, E3 = 58, Xi2 = 59, Xi3 = 60, Xl2 = 61, Xl3 = 62, Xl4 = 63, Xgh2 = 64, Xgh3 = 65, Xgh4 = 66, Xh2 = 67, Xh3 = 68;

    // ---- deep space: resonance ----
    public const int ResonantMask = 69, SynchronousMask = 70, Xfact = 71, Xlamo = 72, Del1 = 73, Del2 = 74, Del3 = 75;
    public const int D2201 = 76, D2211 = 77, D3210 = 78, D3222 = 79, D4410 = 80, D4422 = 81, D5220 = 82, D5232 = 83, D5421 = 84, D5433 = 85;

    // ---- resonance integrator state (mutable) and its cached derivatives ----
    public const int Atime = 86, Xli = 87, Xni = 88, Xndt = 89, Xldot = 90, Xnddt = 91, DerivValid = 92;

    public const int Count = 93;
}

/// <summary>Per-group flags: which branches any lane of the group needs.</summary>
[Flags]
internal enum GroupFlags : byte
{
    None = 0,
    /// <summary>Some lane uses the full (non-simplified) drag terms.</summary>
    NonSimple = 1,
    /// <summary>Some lane is deep-space (SDP4).</summary>
    Deep = 2,
    /// <summary>Some lane is resonant (12 h or 24 h).</summary>
    Resonant = 4,
    /// <summary>Some lane had unusable published elements (every sample is an error).</summary>
    InputError = 8,
    /// <summary>Some lane is near-earth (SGP4) with usable elements.</summary>
    NearEarth = 16,
}
