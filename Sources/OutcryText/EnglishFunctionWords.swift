/// English words that carry no story ("and", "is", "the"), and the pieces of contractions the
/// tokenizer splits at the apostrophe ("can't" → "can", "t"). Every post and ticket written as
/// sentences has them: a spike's emerging terms pass over them (they are over-represented only
/// because its posts are sentences and the topic's usual posts are not), and so does linking (a
/// ticket sharing "your" and "the" with a spike's posts shares nothing).
public enum EnglishFunctionWords {
    public static let all: Set<String> = Set("""
        a an the and or but if then so as of to in on at by for with from into onto about over under up down out off \
        is are was were be been being am do does did done has have had having will would shall should can could may might must \
        it its it's this that these those there here i me my mine we us our you your he him his she her they them their \
        what which who whom whose when where why how all any both each some such no nor not only own same than too very \
        just also again once more most other rt amp via \
        t s d m ll re ve don can won isn aren wasn didn doesn couldn wouldn shouldn haven hasn
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
