import OutcryCore

/// The posts a spike is linked on: its earliest ones tell the origin story (the first complaint,
/// the influencer's post), its latest show what the surge is about now. Both the live monitor
/// and `outcry link` choose them this way, so they rank alike.
public enum SpikeEvidence {
    public static func select(_ posts: [Post], each: Int = 200) -> [Post] {
        posts.count <= 2 * each ? posts : Array(posts.prefix(each) + posts.suffix(each))
    }
}
