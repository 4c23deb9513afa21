package dev.kontextbot.inference.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The made-up vocabulary of the stand-in tokenizers: common words of edit instructions, ASCII lower case. */
final class StandInWords {

    private static final String WORDS = """
            a an the of to in on at by for with from and or but not no is are be was it its this that these
            those there here as into onto over under above below behind near next left right top bottom
            front back side center middle up down make change turn replace remove add put keep preserve
            maintain same style color colour red green blue yellow orange purple pink black white gray grey
            brown gold silver dark light bright car cat dog man woman person people child girl boy face
            hair eyes smile glasses sunglasses hat shirt dress coat jacket shoes background sky sun moon
            cloud clouds tree trees flower flowers grass water sea beach mountain city street house room
            wall window door table chair sign text word words letter font logo photo image picture
            painting drawing sketch cartoon anime watercolor oil realistic vintage modern old new small big
            large tall short long happy sad angry expression pose position scale while keeping exact
            facial features hairstyle identity character reference transform into convert version
            night day morning evening winter summer snow rain fire smoke light shadow lighting sunset
            sunrise bauhaus viking warrior robot wearing holding sitting standing walking running
            clothes shoes beard mustache open closed more less very slightly much""";

    private StandInWords() {
    }

    /** Each word once, in the order above. */
    static List<String> words() {
        Set<String> words = new LinkedHashSet<>();
        for (String w : WORDS.strip().split("\\s+")) {
            words.add(w);
        }
        return new ArrayList<>(words);
    }
}
