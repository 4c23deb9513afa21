package dev.kontextbot.core;
